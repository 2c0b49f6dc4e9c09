// Names for the generated types, so that components import `Lead` instead of spelling out
// the path into the generated file. No type here is written out by hand.
import type { components, paths } from './schema'

type Schemas = components['schemas']

export type Activity = Schemas['Activity']
export type AuditEntry = Schemas['AuditEntry']
export type Board = Schemas['Board']
export type BoardColumn = Schemas['BoardColumn']
export type Choice = Schemas['Choice']
export type Contact = Schemas['Contact']
export type Correspondence = Schemas['Correspondence']
export type CorrespondenceType = Schemas['CorrespondenceType']
export type DashboardStats = Schemas['DashboardStats']
export type Direction = Schemas['Direction']
export type Lead = Schemas['Lead']
export type LeadStatus = Schemas['LeadStatus']
export type Me = Schemas['Me']
export type Meta = Schemas['Meta']
export type Note = Schemas['Note']
export type Priority = Schemas['Priority']
export type Reminder = Schemas['Reminder']
export type ReminderStatus = Schemas['ReminderStatus']
export type Role = Schemas['Role']
export type SearchResults = Schemas['SearchResults']
export type User = Schemas['User']
export type TimelineItem = Schemas['TimelineItem']
export type TimelineKind = Schemas['TimelineKind']
export type UserBrief = Schemas['UserBrief']
export type UserView = Schemas['UserView']
export type ValidationErrors = Schemas['ValidationErrors']

// Bodies and queries are named after their path, not their schema or operation, so that
// renaming either on the server leaves these names (and the code using them) as they are.
type JsonOf<T> = T extends { content: { 'application/json': infer B } } ? B : never
type BodyOf<P extends keyof paths, M extends 'post' | 'put' | 'patch'> = JsonOf<NonNullable<paths[P][M]> extends { requestBody?: infer R } ? NonNullable<R> : never>
type QueryOf<P extends keyof paths> = NonNullable<NonNullable<paths[P]['get']> extends { parameters: { query?: infer Q } } ? Q : never>

export type LeadCreate = BodyOf<'/api/leads/', 'post'>
export type ContactCreate = BodyOf<'/api/contacts/', 'post'>
export type NoteCreate = BodyOf<'/api/notes/', 'post'>
export type ReminderCreate = BodyOf<'/api/reminders/', 'post'>
export type CorrespondenceCreate = BodyOf<'/api/correspondences/', 'post'>
export type UserCreate = BodyOf<'/api/users/', 'post'>

/** A PATCH body: every field optional; send only the ones that change. */
export type LeadPatch = BodyOf<'/api/leads/{id}/', 'patch'>
export type ContactPatch = BodyOf<'/api/contacts/{id}/', 'patch'>
export type ReminderPatch = BodyOf<'/api/reminders/{id}/', 'patch'>
export type UserPatch = BodyOf<'/api/users/{id}/', 'patch'>

export type LeadQuery = QueryOf<'/api/leads/'>
export type BoardQuery = QueryOf<'/api/leads/board/'>
export type AuditQuery = QueryOf<'/api/audit-logs/'>
export type DashboardQuery = QueryOf<'/api/dashboard-stats/'>
export type ReminderQuery = QueryOf<'/api/reminders/'>
export type ContactQuery = QueryOf<'/api/contacts/'>
export type NoteQuery = QueryOf<'/api/notes/'>
export type CorrespondenceQuery = QueryOf<'/api/correspondences/'>
export type UserQuery = QueryOf<'/api/users/'>
