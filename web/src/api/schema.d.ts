/**
 * The API's types, generated from tests/api/snapshots/openapi.json by `npm run gen:api`.
 * Do not edit: `npm run check:api` fails when this file is stale.
 */

export interface paths {
    "/api/audit-logs/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List audit entries, newest first (managers). */
        get: operations["audit_logs_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit-logs/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One audit entry (managers). */
        get: operations["audit_logs_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/calendar-token/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace the caller's calendar feed URL; the old one stops working. */
        post: operations["auth_calendar_token"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/change-password/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the caller's password; the caller's other sessions are ended. */
        post: operations["auth_change_password"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in with a username and password.
         * @description The refresh token is also set as the `crm_refresh` cookie (`HttpOnly`, `SameSite=Strict`,
         *     `Path=/api/auth/`) for the web app.
         */
        post: operations["auth_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End the session of a refresh token of the caller; its access tokens stop working at once.
         * @description The token is the body's `refresh` (required unless the `crm_refresh` cookie is sent), else
         *     the cookie's (from an allowed `Origin` only). The cookie is cleared when its token was
         *     used, even if the server refused it, or when it is of the body token's session; a cookie
         *     of another session is left alone.
         */
        post: operations["auth_logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's own user record. */
        get: operations["auth_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/refresh/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange a refresh token for a new access and refresh token (the old one is rotated out).
         * @description `refresh` is required in the body unless the `crm_refresh` cookie is sent: without it, the
         *     cookie's token is used; such a request is refused when its `Origin` is not the server's
         *     own, `CRM_PUBLIC_URL`'s or a CORS origin, and its answer's `refresh` is `""` (the new token
         *     is only in the cookie, out of reach of the page's scripts).
         */
        post: operations["auth_refresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contacts/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List contacts. */
        get: operations["contacts_list"];
        put?: never;
        /** Add a contact to a lead. */
        post: operations["contacts_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contacts/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One contact. */
        get: operations["contacts_retrieve"];
        /**
         * Replace a contact's fields, or with PATCH only those given.
         * @description `{"is_primary": true}` makes it the lead's primary contact.
         */
        put: operations["contacts_update"];
        post?: never;
        /** Delete a contact (managers). Its correspondence stays, with `contact` null. */
        delete: operations["contacts_destroy"];
        options?: never;
        head?: never;
        /**
         * Replace a contact's fields, or with PATCH only those given.
         * @description `{"is_primary": true}` makes it the lead's primary contact.
         */
        patch: operations["contacts_partial_update"];
        trace?: never;
    };
    "/api/correspondences/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List correspondence, newest first. */
        get: operations["correspondences_list"];
        put?: never;
        /** Log an email, call or meeting. */
        post: operations["correspondences_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/correspondences/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One correspondence entry. */
        get: operations["correspondences_retrieve"];
        /** Replace a correspondence entry, or with PATCH only the fields given. */
        put: operations["correspondences_update"];
        post?: never;
        /** Delete a correspondence entry. */
        delete: operations["correspondences_destroy"];
        options?: never;
        head?: never;
        /** Replace a correspondence entry, or with PATCH only the fields given. */
        patch: operations["correspondences_partial_update"];
        trace?: never;
    };
    "/api/dashboard-stats/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Dashboard figures: the whole database's, or those of one assignee's leads. */
        get: operations["dashboard_stats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/leads/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List leads. */
        get: operations["leads_list"];
        put?: never;
        /** Create a lead; the caller becomes its `created_by`. */
        post: operations["leads_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/leads/board/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The pipeline's columns for the list's filters. */
        get: operations["leads_board"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/leads/export/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export the leads that match the list's filters, search and ordering as CSV, streamed. */
        get: operations["leads_export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/leads/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One lead. */
        get: operations["leads_retrieve"];
        /** Replace a lead's fields (`first_name` required), or with PATCH only those given. */
        put: operations["leads_update"];
        post?: never;
        /** Delete a lead (managers). */
        delete: operations["leads_destroy"];
        options?: never;
        head?: never;
        /** Replace a lead's fields (`first_name` required), or with PATCH only those given. */
        patch: operations["leads_partial_update"];
        trace?: never;
    };
    "/api/leads/{id}/timeline/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A lead's timeline, newest first. Whoever may read the lead may read its timeline. */
        get: operations["leads_timeline"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meta/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Version, currency and the choices of the enumerated fields (no authentication). */
        get: operations["meta"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notes/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List notes, newest first. */
        get: operations["notes_list"];
        put?: never;
        /** Add a note to a lead; the caller is its author. */
        post: operations["notes_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notes/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One note. */
        get: operations["notes_retrieve"];
        /** Replace a note, or with PATCH only the fields given (agents: their own notes only). */
        put: operations["notes_update"];
        post?: never;
        /** Delete a note (agents: their own notes only). */
        delete: operations["notes_destroy"];
        options?: never;
        head?: never;
        /** Replace a note, or with PATCH only the fields given (agents: their own notes only). */
        patch: operations["notes_partial_update"];
        trace?: never;
    };
    "/api/outbox/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Messages kept in the outbox, newest first (managers). */
        get: operations["outbox_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reminders/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List reminders. */
        get: operations["reminders_list"];
        put?: never;
        /** Schedule a reminder. */
        post: operations["reminders_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reminders/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One reminder. */
        get: operations["reminders_retrieve"];
        /**
         * Replace a reminder's fields, or with PATCH only those given.
         * @description PATCH cancels (`{"status": "cancelled"}`), undoes a cancel (`{"status": "pending"}` on a
         *     cancelled reminder), reschedules (`remind_at`), completes (`{"completed": true}`) or edits
         *     a reminder.
         */
        put: operations["reminders_update"];
        post?: never;
        /** Delete a reminder. */
        delete: operations["reminders_destroy"];
        options?: never;
        head?: never;
        /**
         * Replace a reminder's fields, or with PATCH only those given.
         * @description PATCH cancels (`{"status": "cancelled"}`), undoes a cancel (`{"status": "pending"}` on a
         *     cancelled reminder), reschedules (`remind_at`), completes (`{"completed": true}`) or edits
         *     a reminder.
         */
        patch: operations["reminders_partial_update"];
        trace?: never;
    };
    "/api/search/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search leads (also by their contacts' names, emails and phones), contacts and notes at
         *     once: the newest 5 matches of each.
         */
        get: operations["search_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users (agents get `id, username, full_name, role` only). */
        get: operations["users_list"];
        put?: never;
        /** Create a user (managers). */
        post: operations["users_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One user. */
        get: operations["users_retrieve"];
        /**
         * Replace a user's fields, or with PATCH only those given (managers).
         * @description Deactivate a user with `is_active: false`.
         */
        put: operations["users_update"];
        post?: never;
        /** Users are never deleted: deactivate them with `is_active: false`. */
        delete: operations["users_destroy"];
        options?: never;
        head?: never;
        /**
         * Replace a user's fields, or with PATCH only those given (managers).
         * @description Deactivate a user with `is_active: false`.
         */
        patch: operations["users_partial_update"];
        trace?: never;
    };
    "/calendar/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's pending and sent reminders as an iCalendar feed (no bearer token: the
         *     secret in the path is the credential).
         */
        get: operations["calendar_feed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is up. */
        get: operations["healthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The database answers. */
        get: operations["readyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description A change, summarised (no before/after: agents see these too). */
        Activity: {
            action: string;
            entity: string;
            /** Format: int64 */
            entity_id: number;
            /** Format: int64 */
            id: number;
            /**
             * Format: int64
             * @description The lead the changed record belongs to (the lead itself for a lead), so that the feed
             *     can link to it; null for a user and for a record since deleted.
             */
            lead?: number | null;
            summary: string;
            /** Format: date-time */
            timestamp: string;
            /**
             * Format: int64
             * @description The acting user's id, or null for the system.
             */
            user?: number | null;
            /** @description The person's full name, else their username; null for the system. */
            user_name?: string | null;
            username: string;
        };
        AuditEntry: {
            /** @description `create`, `update` or `delete`. */
            action: string;
            /** @description `{"before": {...} | null, "after": {...} | null}`: the object as the API shows it. */
            changes: Record<string, unknown>;
            /** @description `user`, `lead`, … */
            entity: string;
            /** Format: int64 */
            entity_id: number;
            /** Format: int64 */
            id: number;
            summary: string;
            /** Format: date-time */
            timestamp: string;
            /**
             * Format: int64
             * @description The acting user's id, or null for the system.
             */
            user?: number | null;
            /** @description The person's full name, else their username; null for the system. */
            user_name?: string | null;
            username: string;
        };
        Board: {
            /**
             * @description In funnel order: new, contacted, qualified, converted, lost (only the statuses asked
             *     for when `status` is given).
             */
            columns: components["schemas"]["BoardColumn"][];
        };
        /** @description The figures of one column. */
        BoardColumn: {
            /**
             * Format: int64
             * @description Every matching lead of this status, not only those a page shows.
             */
            count: number;
            /**
             * @description The column's first `cards` leads, most valuable first (empty unless asked for); the
             *     list with `status`, `ordering=-estimated_value` and `page_size` = `cards` continues
             *     from page 2.
             */
            leads: components["schemas"]["Lead"][];
            status: components["schemas"]["LeadStatus"];
            /**
             * @description The exact sum of their estimated values, with two decimal places.
             * @example 1250000.00
             */
            total_value: string;
        };
        CalendarUrl: {
            /** @description The secret feed URL; anyone who has it can read the caller's reminders. */
            calendar_url: string;
        };
        /** @description The current password and the new one. */
        ChangePasswordRequest: {
            /** @description 12–128 characters. */
            new_password: string;
            old_password: string;
        };
        Choice: {
            label: string;
            value: string;
        };
        Contact: {
            /** Format: date-time */
            created_at: string;
            email: string;
            first_name: string;
            full_name: string;
            /** Format: int64 */
            id: number;
            is_primary: boolean;
            last_name: string;
            /** Format: int64 */
            lead: number;
            phone: string;
            position: string;
            /** Format: date-time */
            updated_at: string;
        };
        /** @description A contact's fields. */
        ContactWrite: {
            email?: string | null;
            /** @description Required, 1–100 characters. */
            first_name: string | number;
            /**
             * @description Marking one primary un-marks the lead's other contacts; a lead's first contact is
             *     primary.
             */
            is_primary?: boolean | (0 | 1) | string;
            last_name?: string | number | null;
            /**
             * Format: int64
             * @description The lead's id (cannot change after creation).
             */
            lead: number;
            /** @description Any common Kenyan form, or + and a country code; stored in E.164. */
            phone?: string | null;
            position?: string | number | null;
        };
        Correspondence: {
            /** Format: int64 */
            contact?: number | null;
            /** Format: date-time */
            created_at: string;
            /** Format: int64 */
            created_by?: number | null;
            /** Format: date-time */
            date: string;
            description: string;
            direction: components["schemas"]["Direction"];
            /** Format: int64 */
            id: number;
            /** Format: int64 */
            lead: number;
            subject: string;
            type: components["schemas"]["CorrespondenceType"];
            /** Format: date-time */
            updated_at: string;
        };
        /** @enum {string} */
        CorrespondenceType: "email" | "call" | "meeting";
        /** @description A correspondence entry's fields. */
        CorrespondenceWrite: {
            /**
             * Format: int64
             * @description A contact of the same lead, or null.
             */
            contact?: number | null;
            /**
             * Format: date-time
             * @description When it happened.
             */
            date: string;
            /** @description Required, at most 10 000 characters. */
            description: string | number;
            /** @description Default `outbound`. */
            direction?: components["schemas"]["Direction"];
            /** Format: int64 */
            lead: number;
            subject?: string | number | null;
            type: components["schemas"]["CorrespondenceType"];
        };
        DashboardStats: {
            /** @description Every priority, with 0 where none. */
            leads_by_priority: {
                [key: string]: number;
            };
            /** @description Every status, with 0 where none. */
            leads_by_status: {
                [key: string]: number;
            };
            /** @description The 10 newest changes; with `assigned_to`, that user's own actions. */
            recent_activity: components["schemas"]["Activity"][];
            /** Format: int64 */
            total_contacts: number;
            /**
             * @description Decimal string with two places.
             * @example 4350000.00
             */
            total_estimated_value: string;
            /** Format: int64 */
            total_leads: number;
            /**
             * @description The 5 soonest pending reminders still to come; with `assigned_to`, that user's
             *     (as recipient).
             */
            upcoming_reminders: components["schemas"]["Reminder"][];
        };
        /** @enum {string} */
        Direction: "inbound" | "outbound";
        /** @description `{"detail": "..."}`: every error that is not about particular fields. */
        ErrorDetail: {
            detail: string;
        };
        Health: {
            status: string;
        };
        /** @description A lead as the API shows it. */
        Lead: {
            /** Format: int64 */
            assigned_to?: number | null;
            company: string;
            /** Format: int64 */
            contacts_count: number;
            /** Format: date-time */
            created_at: string;
            /** Format: int64 */
            created_by?: number | null;
            description: string;
            email: string;
            /**
             * @description Decimal string with two places.
             * @example 150000.00
             */
            estimated_value: string;
            first_name: string;
            full_name: string;
            /** Format: int64 */
            id: number;
            /**
             * Format: date-time
             * @description The latest note, correspondence or completed reminder; null when none.
             */
            last_activity_at?: string | null;
            last_name: string;
            /** @description Why the lead was lost (kept when the status moves on, for the record). */
            lost_reason: string;
            /**
             * Format: date-time
             * @description The soonest pending (not yet sent, not completed) reminder; null when none.
             */
            next_reminder_at?: string | null;
            phone: string;
            primary_contact?: components["schemas"]["Contact"] | null;
            priority: components["schemas"]["Priority"];
            source: string;
            status: components["schemas"]["LeadStatus"];
            title: string;
            /** Format: date-time */
            updated_at: string;
        };
        /** @enum {string} */
        LeadStatus: "new" | "contacted" | "qualified" | "lost" | "converted";
        /** @description A lead's fields. */
        LeadWrite: {
            /**
             * Format: int64
             * @description An active user's id, or null.
             */
            assigned_to?: number | null;
            company?: string | number | null;
            description?: string | number | null;
            email?: string | null;
            /**
             * @description Decimal string or number, 0 to 10^12, at most two decimal places.
             * @example 150000.00
             */
            estimated_value?: string | number;
            /** @description Required, 1–100 characters. */
            first_name: string | number;
            last_name?: string | number | null;
            lost_reason?: string | number | null;
            /** @description Any common Kenyan form, or + and a country code; stored in E.164. */
            phone?: string | null;
            priority?: components["schemas"]["Priority"];
            source?: string | number | null;
            status?: components["schemas"]["LeadStatus"];
            title?: string | number | null;
        };
        /** @description A username and its password. */
        LoginRequest: {
            password: string;
            username: string;
        };
        LoginResponse: {
            access: string;
            refresh: string;
            user: components["schemas"]["User"];
        };
        /** @description The caller's record, with the secret URL of their calendar feed. */
        Me: components["schemas"]["User"] & {
            calendar_url: string;
        };
        Meta: {
            correspondence_types: components["schemas"]["Choice"][];
            currency: string;
            priorities: components["schemas"]["Choice"][];
            statuses: components["schemas"]["Choice"][];
            version: string;
        };
        Note: {
            /**
             * Format: int64
             * @description The author's user id (always the user who wrote it).
             */
            author?: number | null;
            author_name: string;
            content: string;
            /** Format: date-time */
            created_at: string;
            /** Format: int64 */
            id: number;
            /** Format: int64 */
            lead: number;
            /** Format: date-time */
            updated_at: string;
        };
        /** @description A note's fields. */
        NoteWrite: {
            /** @description Required, at most 10 000 characters. */
            content: string | number;
            /** Format: int64 */
            lead: number;
        };
        /** @description A recorded message as the API shows it. */
        OutboxMessage: {
            body_text: string;
            /** Format: date-time */
            created_at: string;
            /** Format: int64 */
            id: number;
            /** Format: int64 */
            reminder?: number | null;
            subject: string;
            to: string;
        };
        Page_AuditEntry: {
            /** Format: int64 */
            count: number;
            next?: string | null;
            previous?: string | null;
            results: {
                /** @description `create`, `update` or `delete`. */
                action: string;
                /** @description `{"before": {...} | null, "after": {...} | null}`: the object as the API shows it. */
                changes: Record<string, unknown>;
                /** @description `user`, `lead`, … */
                entity: string;
                /** Format: int64 */
                entity_id: number;
                /** Format: int64 */
                id: number;
                summary: string;
                /** Format: date-time */
                timestamp: string;
                /**
                 * Format: int64
                 * @description The acting user's id, or null for the system.
                 */
                user?: number | null;
                /** @description The person's full name, else their username; null for the system. */
                user_name?: string | null;
                username: string;
            }[];
        };
        Page_Contact: {
            /** Format: int64 */
            count: number;
            next?: string | null;
            previous?: string | null;
            results: {
                /** Format: date-time */
                created_at: string;
                email: string;
                first_name: string;
                full_name: string;
                /** Format: int64 */
                id: number;
                is_primary: boolean;
                last_name: string;
                /** Format: int64 */
                lead: number;
                phone: string;
                position: string;
                /** Format: date-time */
                updated_at: string;
            }[];
        };
        Page_Correspondence: {
            /** Format: int64 */
            count: number;
            next?: string | null;
            previous?: string | null;
            results: {
                /** Format: int64 */
                contact?: number | null;
                /** Format: date-time */
                created_at: string;
                /** Format: int64 */
                created_by?: number | null;
                /** Format: date-time */
                date: string;
                description: string;
                direction: components["schemas"]["Direction"];
                /** Format: int64 */
                id: number;
                /** Format: int64 */
                lead: number;
                subject: string;
                type: components["schemas"]["CorrespondenceType"];
                /** Format: date-time */
                updated_at: string;
            }[];
        };
        Page_Lead: {
            /** Format: int64 */
            count: number;
            next?: string | null;
            previous?: string | null;
            results: {
                /** Format: int64 */
                assigned_to?: number | null;
                company: string;
                /** Format: int64 */
                contacts_count: number;
                /** Format: date-time */
                created_at: string;
                /** Format: int64 */
                created_by?: number | null;
                description: string;
                email: string;
                /**
                 * @description Decimal string with two places.
                 * @example 150000.00
                 */
                estimated_value: string;
                first_name: string;
                full_name: string;
                /** Format: int64 */
                id: number;
                /**
                 * Format: date-time
                 * @description The latest note, correspondence or completed reminder; null when none.
                 */
                last_activity_at?: string | null;
                last_name: string;
                /** @description Why the lead was lost (kept when the status moves on, for the record). */
                lost_reason: string;
                /**
                 * Format: date-time
                 * @description The soonest pending (not yet sent, not completed) reminder; null when none.
                 */
                next_reminder_at?: string | null;
                phone: string;
                primary_contact?: components["schemas"]["Contact"] | null;
                priority: components["schemas"]["Priority"];
                source: string;
                status: components["schemas"]["LeadStatus"];
                title: string;
                /** Format: date-time */
                updated_at: string;
            }[];
        };
        Page_Note: {
            /** Format: int64 */
            count: number;
            next?: string | null;
            previous?: string | null;
            results: {
                /**
                 * Format: int64
                 * @description The author's user id (always the user who wrote it).
                 */
                author?: number | null;
                author_name: string;
                content: string;
                /** Format: date-time */
                created_at: string;
                /** Format: int64 */
                id: number;
                /** Format: int64 */
                lead: number;
                /** Format: date-time */
                updated_at: string;
            }[];
        };
        Page_OutboxMessage: {
            /** Format: int64 */
            count: number;
            next?: string | null;
            previous?: string | null;
            results: {
                body_text: string;
                /** Format: date-time */
                created_at: string;
                /** Format: int64 */
                id: number;
                /** Format: int64 */
                reminder?: number | null;
                subject: string;
                to: string;
            }[];
        };
        Page_Reminder: {
            /** Format: int64 */
            count: number;
            next?: string | null;
            previous?: string | null;
            results: {
                /** Format: date-time */
                completed_at?: string | null;
                /** Format: date-time */
                created_at: string;
                /** Format: int64 */
                created_by?: number | null;
                /** Format: int64 */
                id: number;
                last_error: string;
                /** Format: int64 */
                lead: number;
                /** @description The lead's company (read-only). */
                lead_company: string;
                /** @description The lead's full name (read-only), so that a list of reminders needs no lead lookups. */
                lead_name: string;
                message: string;
                /** Format: int64 */
                recipient: number;
                /** @description The recipient's full name, or username when they have none (read-only). */
                recipient_name: string;
                /** Format: date-time */
                remind_at: string;
                /** Format: date-time */
                sent_at?: string | null;
                status: components["schemas"]["ReminderStatus"];
                title: string;
                /** Format: date-time */
                updated_at: string;
            }[];
        };
        Page_TimelineItem: {
            /** Format: int64 */
            count: number;
            next?: string | null;
            previous?: string | null;
            results: {
                /**
                 * Format: int64
                 * @description The id of the object (the note, correspondence or reminder; for a status change, the
                 *     audit entry that recorded it).
                 */
                id: number;
                kind: components["schemas"]["TimelineKind"];
                /**
                 * @description The object as its own list shows it (Note, Correspondence, Reminder); for a status
                 *     change `{"from", "to", "lost_reason"}`.
                 */
                object: Record<string, unknown>;
                summary: string;
                /**
                 * Format: date-time
                 * @description When it happened: a note's creation, a correspondence's date, a reminder's
                 *     completion or else its due time, a status change's time.
                 */
                timestamp: string;
                /**
                 * Format: int64
                 * @description Who: the note's author, the correspondence's or reminder's creator, the user who
                 *     changed the status; null for the system or a deleted user.
                 */
                user?: number | null;
                /** @description That person's full name, or username when they have none; null when `user` is. */
                user_name?: string | null;
            }[];
        };
        Page_UserView: {
            /** Format: int64 */
            count: number;
            next?: string | null;
            previous?: string | null;
            results: (components["schemas"]["User"] | components["schemas"]["UserBrief"])[];
        };
        /** @description Any of the fields, each optional. */
        PatchedContactWrite: {
            email?: string | null;
            /** @description Required, 1–100 characters. */
            first_name?: string | number;
            /**
             * @description Marking one primary un-marks the lead's other contacts; a lead's first contact is
             *     primary.
             */
            is_primary?: boolean | (0 | 1) | string;
            last_name?: string | number | null;
            /**
             * Format: int64
             * @description The lead's id (cannot change after creation).
             */
            lead?: number;
            /** @description Any common Kenyan form, or + and a country code; stored in E.164. */
            phone?: string | null;
            position?: string | number | null;
        };
        /** @description Any of the fields, each optional. */
        PatchedCorrespondenceWrite: {
            /**
             * Format: int64
             * @description A contact of the same lead, or null.
             */
            contact?: number | null;
            /**
             * Format: date-time
             * @description When it happened.
             */
            date?: string;
            /** @description Required, at most 10 000 characters. */
            description?: string | number;
            /** @description Default `outbound`. */
            direction?: components["schemas"]["Direction"];
            /** Format: int64 */
            lead?: number;
            subject?: string | number | null;
            type?: components["schemas"]["CorrespondenceType"];
        };
        /** @description Any of the fields, each optional. */
        PatchedLeadWrite: {
            /**
             * Format: int64
             * @description An active user's id, or null.
             */
            assigned_to?: number | null;
            company?: string | number | null;
            description?: string | number | null;
            email?: string | null;
            /**
             * @description Decimal string or number, 0 to 10^12, at most two decimal places.
             * @example 150000.00
             */
            estimated_value?: string | number;
            /** @description Required, 1–100 characters. */
            first_name?: string | number;
            last_name?: string | number | null;
            lost_reason?: string | number | null;
            /** @description Any common Kenyan form, or + and a country code; stored in E.164. */
            phone?: string | null;
            priority?: components["schemas"]["Priority"];
            source?: string | number | null;
            status?: components["schemas"]["LeadStatus"];
            title?: string | number | null;
        };
        /** @description Any of the fields, each optional. */
        PatchedNoteWrite: {
            /** @description Required, at most 10 000 characters. */
            content?: string | number;
            /** Format: int64 */
            lead?: number;
        };
        /** @description Any of the fields, each optional. */
        PatchedReminderWrite: {
            /** @description `true` sets `completed_at` to now, `false` clears it. */
            completed?: boolean | (0 | 1) | string;
            /** Format: date-time */
            completed_at?: string | null;
            /** Format: int64 */
            lead?: number;
            message?: string | number | null;
            /**
             * Format: int64
             * @description An active user's id; the caller when omitted.
             */
            recipient?: number;
            /**
             * Format: date-time
             * @description When to send it. Changing it on a pending or failed reminder, or on a sent one not yet
             *     completed (a snooze), reschedules it.
             */
            remind_at?: string;
            /**
             * @description Only `cancelled` may be set, on a pending reminder, or `pending` on a cancelled one
             *     (undoing the cancel).
             */
            status?: components["schemas"]["ReminderStatus"];
            /** @description Required, at most 200 characters. */
            title?: string | number;
        };
        /** @description Any of the fields, each optional. */
        PatchedUserWrite: {
            email?: string | null;
            first_name?: string | number | null;
            is_active?: boolean | (0 | 1) | string;
            last_name?: string | number | null;
            /** @description Write-only, 12–128 characters; required on create. */
            password?: string;
            role?: components["schemas"]["Role"];
            username?: string | number;
        };
        /**
         * @description Stored as its rank (0, 1, 2) so that ordering by the column orders low < medium < high.
         * @enum {string}
         */
        Priority: "low" | "medium" | "high";
        /** @description A refresh token: required unless the `crm_refresh` cookie is sent, whose token is then used. */
        RefreshRequest: {
            refresh?: string;
        };
        Reminder: {
            /** Format: date-time */
            completed_at?: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: int64 */
            created_by?: number | null;
            /** Format: int64 */
            id: number;
            last_error: string;
            /** Format: int64 */
            lead: number;
            /** @description The lead's company (read-only). */
            lead_company: string;
            /** @description The lead's full name (read-only), so that a list of reminders needs no lead lookups. */
            lead_name: string;
            message: string;
            /** Format: int64 */
            recipient: number;
            /** @description The recipient's full name, or username when they have none (read-only). */
            recipient_name: string;
            /** Format: date-time */
            remind_at: string;
            /** Format: date-time */
            sent_at?: string | null;
            status: components["schemas"]["ReminderStatus"];
            title: string;
            /** Format: date-time */
            updated_at: string;
        };
        /** @enum {string} */
        ReminderStatus: "pending" | "sent" | "cancelled" | "failed";
        /** @description A reminder's fields. */
        ReminderWrite: {
            /** @description `true` sets `completed_at` to now, `false` clears it. */
            completed?: boolean | (0 | 1) | string;
            /** Format: date-time */
            completed_at?: string | null;
            /** Format: int64 */
            lead: number;
            message?: string | number | null;
            /**
             * Format: int64
             * @description An active user's id; the caller when omitted.
             */
            recipient?: number;
            /**
             * Format: date-time
             * @description When to send it. Changing it on a pending or failed reminder, or on a sent one not yet
             *     completed (a snooze), reschedules it.
             */
            remind_at: string;
            /**
             * @description Only `cancelled` may be set, on a pending reminder, or `pending` on a cancelled one
             *     (undoing the cancel).
             */
            status?: components["schemas"]["ReminderStatus"];
            /** @description Required, at most 200 characters. */
            title: string | number;
        };
        /** @enum {string} */
        Role: "manager" | "agent";
        /** @description The best matches of each kind, as their lists show them. */
        SearchResults: {
            contacts: components["schemas"]["Contact"][];
            leads: components["schemas"]["Lead"][];
            notes: components["schemas"]["Note"][];
        };
        /** @description One entry of a lead's timeline. */
        TimelineItem: {
            /**
             * Format: int64
             * @description The id of the object (the note, correspondence or reminder; for a status change, the
             *     audit entry that recorded it).
             */
            id: number;
            kind: components["schemas"]["TimelineKind"];
            /**
             * @description The object as its own list shows it (Note, Correspondence, Reminder); for a status
             *     change `{"from", "to", "lost_reason"}`.
             */
            object: Record<string, unknown>;
            summary: string;
            /**
             * Format: date-time
             * @description When it happened: a note's creation, a correspondence's date, a reminder's
             *     completion or else its due time, a status change's time.
             */
            timestamp: string;
            /**
             * Format: int64
             * @description Who: the note's author, the correspondence's or reminder's creator, the user who
             *     changed the status; null for the system or a deleted user.
             */
            user?: number | null;
            /** @description That person's full name, or username when they have none; null when `user` is. */
            user_name?: string | null;
        };
        /**
         * @description What a timeline item is. Correspondence appears as its type (email, call, meeting).
         *     Attachments join as `attachment` once they exist (a branch in `db::timeline`).
         * @enum {string}
         */
        TimelineKind: "note" | "email" | "call" | "meeting" | "reminder" | "status";
        TokenPair: {
            access: string;
            refresh: string;
        };
        /** @description A user as managers see it (and as the audit trail records it): never the password. */
        User: {
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            date_joined: string;
            email: string;
            first_name: string;
            full_name: string;
            /** Format: int64 */
            id: number;
            is_active: boolean;
            /** Format: date-time */
            last_login?: string | null;
            last_name: string;
            role: components["schemas"]["Role"];
            /** Format: date-time */
            updated_at: string;
            username: string;
        };
        /** @description A user as agents see it: enough for an assignment picker. */
        UserBrief: {
            full_name: string;
            /** Format: int64 */
            id: number;
            role: components["schemas"]["Role"];
            username: string;
        };
        /** @description A new user: `username` and `password` are required. */
        UserCreate: {
            email?: string | null;
            first_name?: string | number | null;
            is_active?: boolean | (0 | 1) | string;
            last_name?: string | number | null;
            /** @description Write-only, 12–128 characters; required on create. */
            password: string;
            role?: components["schemas"]["Role"];
            username: string | number;
        };
        /** @description A user as the caller may see it: the whole record for managers, the short form for agents. */
        UserView: components["schemas"]["User"] | components["schemas"]["UserBrief"];
        /** @description A user's fields. */
        UserWrite: {
            email?: string | null;
            first_name?: string | number | null;
            is_active?: boolean | (0 | 1) | string;
            last_name?: string | number | null;
            /** @description Write-only, 12–128 characters; required on create. */
            password?: string;
            role?: components["schemas"]["Role"];
            username: string | number;
        };
        /**
         * @description Field name → messages, every invalid field at once.
         * @example {
         *       "email": [
         *         "Enter a valid email address."
         *       ],
         *       "first_name": [
         *         "This field is required."
         *       ]
         *     }
         */
        ValidationErrors: {
            [key: string]: string[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    audit_logs_list: {
        parameters: {
            query?: {
                page?: number | string;
                /** @description Default 20, at most 100. */
                page_size?: number | string;
                /** @description user, lead, contact, note, reminder, correspondence */
                entity?: string;
                entity_id?: number | string;
                user?: number | string;
                /** @description create, update or delete */
                action?: string;
                /** @description RFC 3339 or YYYY-MM-DD */
                since?: string;
                /** @description RFC 3339 or YYYY-MM-DD (the whole day) */
                until?: string;
                /** @description timestamp or -timestamp */
                ordering?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_AuditEntry"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Invalid page. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    audit_logs_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditEntry"];
                };
            };
            /** @description Invalid input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    auth_calendar_token: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarUrl"];
                };
            };
            /** @description Invalid input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    auth_change_password: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePasswordRequest"];
            };
        };
        responses: {
            /** @description Changed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    auth_login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    /** @description `crm_refresh`: the refresh token */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginResponse"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Wrong credentials or inactive user */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Too many failed attempts from this address (for this username, or in all); see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    auth_logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshRequest"];
            };
        };
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    /** @description `crm_refresh` cleared (see above) */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid body, or `refresh` neither in the body nor in the cookie */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Invalid or expired token, or another user's (a used cookie is cleared all the same) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The cookie was sent from a foreign origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    auth_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description Invalid input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    auth_refresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshRequest"];
            };
        };
        responses: {
            /** @description The new tokens; `refresh` is `""` when the cookie's token was used */
            200: {
                headers: {
                    /** @description `crm_refresh`: the new refresh token */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            /** @description Invalid body, or `refresh` neither in the body nor in the cookie */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Invalid, expired, revoked or reused token (a refused cookie is cleared) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The cookie was sent from a foreign origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    contacts_list: {
        parameters: {
            query?: {
                page?: number | string;
                /** @description Default 20, at most 100. */
                page_size?: number | string;
                lead?: number | string;
                is_primary?: boolean | (0 | 1) | string;
                /** @description Every word must appear in the name, email, phone or position */
                search?: string;
                /** @description first_name, last_name, created_at; prefix - for descending */
                ordering?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_Contact"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    contacts_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ContactWrite"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contact"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    contacts_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contact"];
                };
            };
            /** @description Invalid input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    contacts_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ContactWrite"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contact"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    contacts_destroy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    contacts_partial_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PatchedContactWrite"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contact"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    correspondences_list: {
        parameters: {
            query?: {
                page?: number | string;
                /** @description Default 20, at most 100. */
                page_size?: number | string;
                lead?: number | string;
                contact?: number | string;
                /** @description email, call or meeting (or a comma list) */
                type?: string;
                /** @description RFC 3339 or YYYY-MM-DD (inclusive) */
                date_after?: string;
                /** @description RFC 3339 or YYYY-MM-DD (the whole day) */
                date_before?: string;
                /** @description date, created_at, type; prefix - for descending */
                ordering?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_Correspondence"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    correspondences_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CorrespondenceWrite"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Correspondence"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    correspondences_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Correspondence"];
                };
            };
            /** @description Invalid input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    correspondences_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CorrespondenceWrite"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Correspondence"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    correspondences_destroy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    correspondences_partial_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PatchedCorrespondenceWrite"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Correspondence"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    dashboard_stats: {
        parameters: {
            query?: {
                /** @description `me` or a user id: every figure for that user's leads, their reminders and their own actions */
                assigned_to?: string;
                /** @description Whether `recent_activity` shows the system's own entries (default true) */
                include_system?: boolean | (0 | 1) | string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DashboardStats"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    leads_list: {
        parameters: {
            query?: {
                page?: number | string;
                /** @description Default 20, at most 100. */
                page_size?: number | string;
                /** @description One status or a comma list */
                status?: string;
                /** @description One priority or a comma list */
                priority?: string;
                /** @description A user id, `me` or `none` */
                assigned_to?: string;
                created_by?: number | string;
                /** @description RFC 3339 or YYYY-MM-DD (inclusive) */
                created_after?: string;
                /** @description RFC 3339 or YYYY-MM-DD (inclusive: the whole day) */
                created_before?: string;
                min_value?: string;
                max_value?: string;
                /** @description Every word must match a word of the name, company, email, phone or description by prefix, or of a contact's name, email or phone; digit groups separated by spaces, dashes or dots are one number */
                search?: string;
                /** @description true: open leads (not lost or converted) with no pending reminder */
                no_next_step?: boolean | (0 | 1) | string;
                /** @description RFC 3339 or YYYY-MM-DD: the next pending reminder is before this */
                next_reminder_before?: string;
                /** @description RFC 3339 or YYYY-MM-DD: the last activity is before this, or there was none */
                last_activity_before?: string;
                /** @description created_at, updated_at, first_name, last_name, company, status, priority, estimated_value, next_reminder_at, last_activity_at (leads without the date last in both directions); prefix - for descending; comma-separated */
                ordering?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_Lead"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Invalid page */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    leads_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LeadWrite"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Lead"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    leads_board: {
        parameters: {
            query?: {
                /** @description One status or a comma list: only those columns */
                status?: string;
                /** @description One priority or a comma list */
                priority?: string;
                /** @description A user id, `me` or `none` */
                assigned_to?: string;
                created_by?: number | string;
                /** @description RFC 3339 or YYYY-MM-DD (inclusive) */
                created_after?: string;
                /** @description RFC 3339 or YYYY-MM-DD (inclusive: the whole day) */
                created_before?: string;
                min_value?: string;
                max_value?: string;
                /** @description As the list's search */
                search?: string;
                /** @description As the list's */
                no_next_step?: boolean | (0 | 1) | string;
                /** @description As the list's */
                next_reminder_before?: string;
                /** @description As the list's */
                last_activity_before?: string;
                /** @description 0 to 100 (default 0): how many leads of each column to include, most valuable first */
                cards?: number | string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Board"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    leads_export: {
        parameters: {
            query?: {
                status?: string;
                priority?: string;
                assigned_to?: string;
                created_by?: number | string;
                created_after?: string;
                created_before?: string;
                min_value?: string;
                max_value?: string;
                search?: string;
                no_next_step?: boolean | (0 | 1) | string;
                next_reminder_before?: string;
                last_activity_before?: string;
                ordering?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            /** @description Header row, then one row per lead */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Too many exports running, or the database is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    leads_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Lead"];
                };
            };
            /** @description Invalid input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    leads_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LeadWrite"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Lead"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    leads_destroy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    leads_partial_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PatchedLeadWrite"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Lead"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    leads_timeline: {
        parameters: {
            query?: {
                page?: number | string;
                /** @description Default 20, at most 100. */
                page_size?: number | string;
                /** @description One kind or a comma list: note, email, call, meeting, reminder, status */
                kind?: string;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_TimelineItem"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Unknown lead, or invalid page */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    meta: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Meta"];
                };
            };
            /** @description Invalid input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    notes_list: {
        parameters: {
            query?: {
                page?: number | string;
                /** @description Default 20, at most 100. */
                page_size?: number | string;
                lead?: number | string;
                /** @description created_at, updated_at; prefix - for descending */
                ordering?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_Note"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    notes_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NoteWrite"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Note"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    notes_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Note"];
                };
            };
            /** @description Invalid input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    notes_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NoteWrite"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Note"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    notes_destroy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    notes_partial_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PatchedNoteWrite"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Note"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    outbox_list: {
        parameters: {
            query?: {
                page?: number | string;
                /** @description Default 20, at most 100. */
                page_size?: number | string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_OutboxMessage"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Invalid page. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    reminders_list: {
        parameters: {
            query?: {
                page?: number | string;
                /** @description Default 20, at most 100. */
                page_size?: number | string;
                lead?: number | string;
                /** @description One status or a comma list */
                status?: string;
                /** @description A user id or `me` */
                recipient?: string;
                /** @description Pending and due from now on, soonest first */
                upcoming?: boolean | (0 | 1) | string;
                /** @description Due before now, not cancelled, not completed; soonest first */
                overdue?: boolean | (0 | 1) | string;
                /** @description Due at or after: RFC 3339 or YYYY-MM-DD (inclusive) */
                remind_at_after?: string;
                /** @description Due at or before: RFC 3339 or YYYY-MM-DD (the whole day) */
                remind_at_before?: string;
                /** @description Completed (`completed_at` set) or not */
                completed?: boolean | (0 | 1) | string;
                /** @description remind_at, created_at, status; prefix - for descending */
                ordering?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_Reminder"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    reminders_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReminderWrite"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reminder"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    reminders_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reminder"];
                };
            };
            /** @description Invalid input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    reminders_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReminderWrite"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reminder"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    reminders_destroy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    reminders_partial_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PatchedReminderWrite"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reminder"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    search_list: {
        parameters: {
            query: {
                /** @description Every word must match a word by prefix; digit groups separated by spaces, dashes or dots are one number (`0712 345 678`) */
                q: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SearchResults"];
                };
            };
            /** @description `q` missing or blank */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    users_list: {
        parameters: {
            query?: {
                page?: number | string;
                /** @description Default 20, at most 100. */
                page_size?: number | string;
                role?: string;
                is_active?: boolean | (0 | 1) | string;
                /** @description Part of username, name or email */
                search?: string;
                /** @description username, first_name, last_name, date_joined, created_at, updated_at; prefix - for descending */
                ordering?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_UserView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    users_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserCreate"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    users_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserView"];
                };
            };
            /** @description Invalid input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    users_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserWrite"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    users_destroy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Agents may not manage users */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Method "DELETE" not allowed. */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    users_partial_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PatchedUserWrite"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    calendar_feed: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `<token>.ics`, the last part of a calendar_url */
                file: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": string;
                };
            };
            /** @description Invalid input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    healthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description Invalid input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    readyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description Invalid input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The body is not JSON (`Content-Type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
}
