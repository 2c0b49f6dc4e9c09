// Names for the generated schemas, so that components import `Lead` instead of spelling
// out the path into the generated file. Nothing here is written by hand.
import type { components, operations } from './schema'

type Schemas = components['schemas']

export type Activity = Schemas['Activity']
export type AuditEntry = Schemas['AuditEntry']
export type Choice = Schemas['Choice']
export type Contact = Schemas['Contact']
export type ContactWrite = Schemas['ContactWrite']
export type Correspondence = Schemas['Correspondence']
export type CorrespondenceType = Schemas['CorrespondenceType']
export type CorrespondenceWrite = Schemas['CorrespondenceWrite']
export type DashboardStats = Schemas['DashboardStats']
export type Direction = Schemas['Direction']
export type Lead = Schemas['Lead']
export type LeadStatus = Schemas['LeadStatus']
export type LeadWrite = Schemas['LeadWrite']
export type Me = Schemas['Me']
export type Meta = Schemas['Meta']
export type Note = Schemas['Note']
export type Priority = Schemas['Priority']
export type Reminder = Schemas['Reminder']
export type ReminderStatus = Schemas['ReminderStatus']
export type ReminderWrite = Schemas['ReminderWrite']
export type Role = Schemas['Role']
export type User = Schemas['User']
export type UserBrief = Schemas['UserBrief']
export type UserView = Schemas['UserView']
export type UserWrite = Schemas['UserWrite']
export type ValidationErrors = Schemas['ValidationErrors']

export type LeadQuery = NonNullable<operations['leads_list']['parameters']['query']>
export type AuditQuery = NonNullable<operations['audit_logs_list']['parameters']['query']>
export type ReminderQuery = NonNullable<operations['reminders_list']['parameters']['query']>
