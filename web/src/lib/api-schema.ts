/**
 * The API's requests and answers, generated from /api/openapi.json by `npm run api:types`.
 * Do not edit: change the route schemas on the server and generate again (a test compares them).
 */

export type paths = {
    "/api/v1/api-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiToken"][];
                    };
                };
            };
        };
        put?: never;
        /** Create a token; the clear value is in this response only */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default null */
                        expiresAt?: string | null;
                        name: string;
                        /** @description The token acts as this user, with his roles and scope */
                        userId: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: number | null;
                            expiresAt: string | null;
                            id: number;
                            lastUsedAt: string | null;
                            name: string;
                            prefix: string;
                            revokedAt: string | null;
                            token: string;
                            userId: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit trail, newest first; page with beforeId. Customers' and contacts' data follow the reader's field rules (masked or left out) */
        get: {
            parameters: {
                query?: {
                    action?: string;
                    actorId?: string;
                    beforeId?: string;
                    entity?: string;
                    entityId?: string;
                    from?: string;
                    limit?: number;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            action: string;
                            actorId: number | null;
                            actorKind: string;
                            actorName: string | null;
                            after: unknown;
                            /** Format: date-time */
                            at: string;
                            before: unknown;
                            entity: string;
                            entityId: string | null;
                            id: number;
                            ip: string | null;
                            requestId: string | null;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/locale": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Remember the language for this user */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        locale: "zh-CN" | "en";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in; sets the session cookie and returns the CSRF token for unsafe requests */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken: string;
                            /** Format: date-time */
                            expiresAt: string;
                            mustChangePassword: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user, his permissions and scope */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken: string | null;
                            dataScope: string;
                            fieldRules: {
                                [key: string]: string;
                            };
                            locale: string;
                            orgUnit: components["schemas"]["OrgUnit"] | null;
                            permissions: string[];
                            roles: {
                                key: string;
                                nameEn: string;
                                nameZh: string;
                            }[];
                            user: components["schemas"]["User"];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currentPassword: string;
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/backups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The backups kept on the server, newest first, the schedule and the folder they are kept in */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The absolute path of the backup folder on the server (BACKUP_DIR), to copy the files elsewhere from */
                            folder: string;
                            items: components["schemas"]["Backup"][];
                            nextScheduledAt: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Make a consistent backup of the whole database now (the application keeps running) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Backup"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/backups/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a backup */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/backups/{name}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download a backup (recorded in the audit log) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/backups/{name}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace ALL data with the backup, in one transaction (nothing changes if it fails); signed-in people may have to sign in again */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The backup's name again, to confirm */
                        confirm: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rows: number;
                            tables: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/backups/{name}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Read a backup whole and check every table's checksum; the database is not touched */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string | null;
                            engine: string | null;
                            fileSha256: string;
                            migrations: string[];
                            ok: boolean;
                            /** @description 'truncated', 'checksum_mismatch' or 'not_a_backup' when not ok */
                            problem: string | null;
                            /** @description Whether the file still hashes as when it was written (null: no record) */
                            sameFile: boolean | null;
                            tables: {
                                ok: boolean;
                                rows: number;
                                sha256: string;
                                table: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/credit/adjustments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Adjustments of the customers in your scope (pending by default): the approval screen */
        get: {
            parameters: {
                query?: {
                    status?: "pending" | "approved" | "rejected" | "withdrawn";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreditAdjustment"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/credit/adjustments/{id}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve or reject (not your own request) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        approve: boolean;
                        comment?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreditAdjustment"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/credit/ageing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Outstanding receivables by overdue bucket, in your scope */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description Days past due
                             * @enum {string}
                             */
                            bucket: "current" | "1-30" | "31-60" | "61-90" | "90+";
                            /** @description A decimal amount, e.g. 5000.00 */
                            outstanding: string;
                            receivables: number;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/credit/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Customers over their credit limit or overdue, in your scope */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            customerCode: string;
                            customerId: number;
                            customerName: string;
                            daysOverdue: number | null;
                            /** @description Open receivables plus loan and card balances, in yuan */
                            exposure: string | null;
                            /** @enum {string} */
                            kind: "over_limit" | "overdue";
                            /** @description The credit limit in yuan */
                            limit: string | null;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/credit/recompute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Score every customer now (also nightly and after each change of his data) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: number;
                            customers: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/credit/scorecard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The scorecard: base, factors, bins, points and reasons */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @default 600 */
                            base: number;
                            factors: {
                                bins: {
                                    max?: number | null;
                                    min?: number | null;
                                    points: number;
                                    reasonEn: string;
                                    /** @description {value} is replaced by the factor value */
                                    reasonZh: string;
                                }[];
                                /** @description A built-in factor, or 'custom.<key>' of a number custom field (e.g. monthly income) */
                                key: ("age" | "customerYears" | "assets" | "debt" | "latePayments12m" | "overdueDays") | string;
                                labelEn: string;
                                labelZh: string;
                                /** @default 0 */
                                missingPoints: number;
                            }[];
                            /** @default 900 */
                            max: number;
                            /** @default 300 */
                            min: number;
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default 600 */
                        base?: number;
                        factors: {
                            bins: {
                                max?: number | null;
                                min?: number | null;
                                points: number;
                                reasonEn: string;
                                /** @description {value} is replaced by the factor value */
                                reasonZh: string;
                            }[];
                            /** @description A built-in factor, or 'custom.<key>' of a number custom field (e.g. monthly income) */
                            key: ("age" | "customerYears" | "assets" | "debt" | "latePayments12m" | "overdueDays") | string;
                            labelEn: string;
                            labelZh: string;
                            /** @default 0 */
                            missingPoints?: number;
                        }[];
                        /** @default 900 */
                        max?: number;
                        /** @default 300 */
                        min?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @default 600 */
                            base: number;
                            factors: {
                                bins: {
                                    max?: number | null;
                                    min?: number | null;
                                    points: number;
                                    reasonEn: string;
                                    /** @description {value} is replaced by the factor value */
                                    reasonZh: string;
                                }[];
                                /** @description A built-in factor, or 'custom.<key>' of a number custom field (e.g. monthly income) */
                                key: ("age" | "customerYears" | "assets" | "debt" | "latePayments12m" | "overdueDays") | string;
                                labelEn: string;
                                labelZh: string;
                                /** @default 0 */
                                missingPoints: number;
                            }[];
                            /** @default 900 */
                            max: number;
                            /** @default 300 */
                            min: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/custom-fields": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The data dictionary of custom fields (readable by all staff) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CustomField"][];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default true */
                        active?: boolean;
                        /** @default null */
                        descriptionEn?: string | null;
                        /** @default null */
                        descriptionZh?: string | null;
                        /**
                         * @default customer
                         * @enum {string}
                         */
                        entity?: "customer";
                        /** @description Stable key, used in the API as custom.<key> */
                        key: string;
                        labelEn: string;
                        labelZh: string;
                        /** @default [] */
                        options?: {
                            labelEn: string;
                            labelZh: string;
                            value: string;
                        }[];
                        /** @default 0 */
                        position?: number;
                        /** @default false */
                        required?: boolean;
                        /** @enum {string} */
                        type: "text" | "number" | "date" | "boolean" | "select" | "multiselect";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CustomField"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/custom-fields/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default true */
                        active?: boolean;
                        /** @default null */
                        descriptionEn?: string | null;
                        /** @default null */
                        descriptionZh?: string | null;
                        labelEn: string;
                        labelZh: string;
                        /** @default [] */
                        options?: {
                            labelEn: string;
                            labelZh: string;
                            value: string;
                        }[];
                        /** @default 0 */
                        position?: number;
                        /** @default false */
                        required?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CustomField"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customer-merges/{id}/undo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Undo a merge (admins) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Customer"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List customers in your scope: filters, sort, keyset paging (pass nextCursor back as cursor)
         * @description Custom fields filter as custom.<key>=value. The total is exact up to 10,000 and estimated above.
         */
        get: {
            parameters: {
                query?: {
                    createdFrom?: string;
                    createdTo?: string;
                    cursor?: string;
                    /** @description List deleted customers instead (needs customer:restore) */
                    deleted?: "true" | "false";
                    industry?: string;
                    kind?: "individual" | "organization";
                    limit?: number;
                    /** @description This org unit and every unit below it */
                    orgUnitId?: string;
                    ownerId?: string;
                    provinceCode?: string;
                    /** @description Code or its first characters (4 or more), mobile, email, or part of a Chinese or Latin name */
                    q?: string;
                    /** @description Members of this segment */
                    segmentId?: string;
                    sort?: "createdAt" | "-createdAt" | "updatedAt" | "-updatedAt" | "name" | "-name" | "code" | "-code";
                    status?: "prospect" | "active" | "dormant" | "churned";
                    /** @description Customers who have this tag */
                    tagId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Customer"][];
                            nextCursor: string | null;
                            total: number;
                            totalIsEstimate: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a customer; 409 with the matches when a duplicate exists */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        address?: string | null;
                        /** @description Create even though a soft duplicate (mobile, email, name) exists */
                        allowDuplicate?: boolean;
                        /** @description YYYY-MM-DD; for a resident ID it is taken from the number */
                        birthDate?: string | null;
                        /** @description GB/T 2260 code */
                        cityCode?: string | null;
                        contacts?: {
                            email?: string | null;
                            isPrimary?: boolean;
                            mobile?: string | null;
                            /** @description Contact name */
                            name: string;
                            notes?: string | null;
                            phone?: string | null;
                            /** @description Job title */
                            title?: string | null;
                        }[];
                        /** @description Values of custom fields by key */
                        custom?: {
                            [key: string]: unknown;
                        };
                        /** @description GB/T 2260 code */
                        districtCode?: string | null;
                        email?: string | null;
                        gender?: ("male" | "female" | "unknown") | null;
                        /** @description Document number, kept as text; checked for resident IDs and USCC */
                        idNumber?: string | null;
                        /** @description Kind of identity document; uscc for organisations */
                        idType?: ("resident_id" | "passport" | "hk_macau_permit" | "taiwan_permit" | "foreign_permanent_resident" | "uscc" | "other") | null;
                        industry?: string | null;
                        /** @enum {string} */
                        kind: "individual" | "organization";
                        /** @description Mobile; mainland numbers are stored as E.164 (+8613800138000) */
                        mobile?: string | null;
                        /** @description Name: a person surname first (张三, 欧阳娜娜, 买买提·艾力) or an organisation */
                        name: string;
                        /** @description Latin / English name */
                        nameEn?: string | null;
                        /** @description Needs customer:assign; defaults to your org unit */
                        orgUnitId?: number;
                        /** @description Needs customer:assign; defaults to you */
                        ownerId?: number | null;
                        /** @description Landline, e.g. 010-12345678 */
                        phone?: string | null;
                        postalCode?: string | null;
                        /** @description GB/T 2260 code */
                        provinceCode?: string | null;
                        size?: ("micro" | "small" | "medium" | "large") | null;
                        sourceChannel?: string | null;
                        /** @enum {string} */
                        status?: "prospect" | "active" | "dormant" | "churned";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Customer"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    /** @description Answer a deleted customer too (needs customer:restore) */
                    includeDeleted?: "true" | "false";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Customer"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Soft delete; restore brings it back */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        address?: string | null;
                        /** @description YYYY-MM-DD; for a resident ID it is taken from the number */
                        birthDate?: string | null;
                        /** @description GB/T 2260 code */
                        cityCode?: string | null;
                        /** @description Values of custom fields by key */
                        custom?: {
                            [key: string]: unknown;
                        };
                        /** @description GB/T 2260 code */
                        districtCode?: string | null;
                        email?: string | null;
                        gender?: ("male" | "female" | "unknown") | null;
                        /** @description Document number, kept as text; checked for resident IDs and USCC */
                        idNumber?: string | null;
                        /** @description Kind of identity document; uscc for organisations */
                        idType?: ("resident_id" | "passport" | "hk_macau_permit" | "taiwan_permit" | "foreign_permanent_resident" | "uscc" | "other") | null;
                        industry?: string | null;
                        /** @description Mobile; mainland numbers are stored as E.164 (+8613800138000) */
                        mobile?: string | null;
                        /** @description Name: a person surname first (张三, 欧阳娜娜, 买买提·艾力) or an organisation */
                        name?: string;
                        /** @description Latin / English name */
                        nameEn?: string | null;
                        /** @description Landline, e.g. 010-12345678 */
                        phone?: string | null;
                        postalCode?: string | null;
                        /** @description GB/T 2260 code */
                        provinceCode?: string | null;
                        size?: ("micro" | "small" | "medium" | "large") | null;
                        sourceChannel?: string | null;
                        /** @enum {string} */
                        status?: "prospect" | "active" | "dormant" | "churned";
                        /** @description Version you read; a mismatch gives 409 */
                        version?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Customer"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/customers/{id}/activities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            body: string;
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: number | null;
                            createdByName: string | null;
                            customerId: number;
                            id: number;
                            kind: string;
                            /** Format: date-time */
                            occurredAt: string;
                            subject: string | null;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** Add a note, call, meeting, visit or email */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                        /**
                         * @default note
                         * @enum {string}
                         */
                        kind?: "note" | "call" | "meeting" | "visit" | "email";
                        /** Format: date-time */
                        occurredAt?: string;
                        subject?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            body: string;
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: number | null;
                            createdByName: string | null;
                            customerId: number;
                            id: number;
                            kind: string;
                            /** Format: date-time */
                            occurredAt: string;
                            subject: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/activities/{activityId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    activityId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            customerId: number;
                            email: string | null;
                            id: number;
                            isPrimary: boolean;
                            mobile: string | null;
                            name: string;
                            notes: string | null;
                            phone: string | null;
                            title: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email?: string | null;
                        isPrimary?: boolean;
                        mobile?: string | null;
                        /** @description Contact name */
                        name: string;
                        notes?: string | null;
                        phone?: string | null;
                        /** @description Job title */
                        title?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            customerId: number;
                            email: string | null;
                            id: number;
                            isPrimary: boolean;
                            mobile: string | null;
                            name: string;
                            notes: string | null;
                            phone: string | null;
                            title: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/contacts/{contactId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    contactId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email?: string | null;
                        isPrimary?: boolean;
                        mobile?: string | null;
                        /** @description Contact name */
                        name: string;
                        notes?: string | null;
                        phone?: string | null;
                        /** @description Job title */
                        title?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            customerId: number;
                            email: string | null;
                            id: number;
                            isPrimary: boolean;
                            mobile: string | null;
                            name: string;
                            notes: string | null;
                            phone: string | null;
                            title: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    contactId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/credit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Score with its explanation and history, adjustments, limit, exposure, receivables, ageing, alerts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            adjustments: components["schemas"]["CreditAdjustment"][];
                            ageing: {
                                /**
                                 * @description Days past due
                                 * @enum {string}
                                 */
                                bucket: "current" | "1-30" | "31-60" | "61-90" | "90+";
                                /** @description A decimal amount, e.g. 5000.00 */
                                outstanding: string;
                                receivables: number;
                            }[];
                            alerts: {
                                daysOverdue: number | null;
                                /** @description Open receivables plus loan and card balances, in yuan */
                                exposure: string | null;
                                /** @enum {string} */
                                kind: "over_limit" | "overdue";
                            }[];
                            exposure: {
                                /** @description Loan, mortgage and card balances, in yuan */
                                debt: string;
                                /** @description Open receivables, in yuan */
                                outstanding: string;
                            };
                            /** @description Newest first, 50 at most */
                            history: {
                                adjustment: number;
                                /** Format: date-time */
                                at: string;
                                automatic: number;
                                /** @description 'computed' (the scorecard ran) or 'adjustment' (an approved adjustment) */
                                cause: string;
                                final: number;
                            }[];
                            limit: {
                                /** @description A decimal amount, e.g. 5000.00 */
                                amount: string;
                                /** @description The limit in yuan; null when its currency has no exchange rate */
                                amountInBase: string | null;
                                currency: string;
                                /** Format: date-time */
                                setAt: string;
                                setByName: string | null;
                            } | null;
                            receivables: {
                                /** @description A decimal amount, e.g. 5000.00 */
                                amount: string;
                                currency: string;
                                daysOverdue: number;
                                dueOn: string;
                                externalId: string;
                                id: number;
                                /** @description A decimal amount, e.g. 5000.00 */
                                outstanding: string;
                                /** @description A decimal amount, e.g. 5000.00 */
                                paidAmount: string;
                                paidOn: string | null;
                            }[];
                            score: {
                                adjustment: number;
                                automatic: number;
                                /** Format: date-time */
                                computedAt: string;
                                /** @description One entry per factor of the scorecard */
                                explanation: {
                                    factor: string;
                                    labelEn: string;
                                    labelZh: string;
                                    points: number;
                                    reasonEn: string;
                                    reasonZh: string;
                                    value: number | null;
                                }[];
                                final: number;
                            } | null;
                            /** @description Currencies of this customer's active accounts or open receivables that have no exchange rate: their amounts are left out of assets, debt and exposure */
                            unpricedCurrencies: string[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/credit/adjustments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask to move the score, with a reason; it counts once someone with credit:approve approves it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        points: number;
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreditAdjustment"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/credit/limit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set the customer's credit limit */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A decimal amount, e.g. 50000.00, 50,000 or 5万 */
                        amount: string;
                        /**
                         * @description ISO 4217 code, e.g. CNY, USD
                         * @default CNY
                         */
                        currency?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/holdings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Accounts, products and contracts the customer holds */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Holding"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Merge another customer into this one; contacts and history move; audited and reversible */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The customer merged into this one; it is deleted afterwards */
                        sourceId: number;
                        /** @description Per field, whose value wins; unlisted fields keep the target value (or the source value when the target has none) */
                        take?: {
                            [key: string]: "target" | "source";
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Customer"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/merges": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actorId: number | null;
                            actorName: string | null;
                            /** Format: date-time */
                            at: string;
                            id: number;
                            sourceCode: string;
                            sourceId: number;
                            sourceName: string;
                            targetCode: string;
                            targetId: number;
                            targetName: string;
                            undoneAt: string | null;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/receivables": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record an amount the customer owes, with its due date */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A decimal amount, e.g. 50000.00, 50,000 or 5万 */
                        amount: string;
                        /**
                         * @description ISO 4217 code, e.g. CNY, USD
                         * @default CNY
                         */
                        currency?: string;
                        /** Format: date */
                        dueOn: string;
                        externalId: string;
                        /** @description A decimal amount, e.g. 50000.00, 50,000 or 5万 */
                        paidAmount?: string;
                        paidOn?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/receivables/{receivableId}/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    receivableId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A decimal amount, e.g. 50000.00, 50,000 or 5万 */
                        amount: string;
                        /** Format: date */
                        paidOn: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Customer"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer's tags now and their history */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            history: {
                                actorName: string | null;
                                /** Format: date-time */
                                at: string;
                                change: string;
                                id: number;
                                nameEn: string | null;
                                nameZh: string;
                                source: string;
                                tagId: number;
                                tagKey: string;
                            }[];
                            tags: {
                                active: boolean;
                                categoryId: number | null;
                                computedAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                description: string | null;
                                id: number;
                                key: string;
                                /** @enum {string} */
                                kind: "manual" | "rule" | "imported";
                                memberCount: number;
                                nameEn: string | null;
                                nameZh: string;
                                ownerId: number | null;
                                rule: unknown | null;
                                setBy: number | null;
                                /** Format: date-time */
                                since: string;
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/tags/{tagId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    tagId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: number;
                            notFound: number;
                            unchanged: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    tagId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: number;
                            notFound: number;
                            unchanged: number;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer's tickets (360 view) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Ticket"][];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer's history from every module, newest first */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                actorName?: string | null;
                                /** Format: date-time */
                                at: string;
                                body?: string | null;
                                kind: string;
                                ref?: {
                                    entity: string;
                                    id: number | string;
                                };
                                source: string;
                                title: string;
                                /** @description The title in English where it has one of its own (a tag's English name) */
                                titleEn?: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer's transactions, newest first; page with nextCursor (send the same filters with it) */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    /** @description First day, YYYY-MM-DD in China time, included */
                    from?: string;
                    limit?: number;
                    /** @description Text in the merchant or the description, any case */
                    q?: string;
                    /** @description Last day, YYYY-MM-DD in China time, included; not before from */
                    to?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Transaction"][];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/transfer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Hand the customer to another manager */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Defaults to the new owner's org unit */
                        orgUnitId?: number;
                        ownerId: number;
                        reason?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Customer"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/value": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer's value now and its history by day */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            current: {
                                clv: string | null;
                                /** Format: date-time */
                                computedAt: string;
                                contribution: string;
                                contributionRank: number | null;
                                customerClass: ("key" | "potential" | "ordinary") | null;
                                expectedPurchases: string | null;
                                f: number | null;
                                frequency: number;
                                lifecycle: string | null;
                                m: number | null;
                                matrixTier: string | null;
                                monetary: string;
                                pAlive: string | null;
                                paretoCore: boolean;
                                r: number | null;
                                recencyDays: number | null;
                                rfmSegment: string | null;
                                tier: string | null;
                                trend: string | null;
                                vip: boolean;
                            } | null;
                            history: {
                                clv: string | null;
                                computedOn: string;
                                contribution: string;
                                customerClass: string | null;
                                lifecycle: string | null;
                                matrixTier: string | null;
                                paretoCore: boolean;
                                rfmSegment: string | null;
                                tier: string | null;
                                vip: boolean;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/by-code/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Customer"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/duplicate-check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Find existing customers with the same ID, mobile, email or company name (查重) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email?: string | null;
                        excludeId?: number;
                        idNumber?: string | null;
                        idType?: ("resident_id" | "passport" | "hk_macau_permit" | "taiwan_permit" | "foreign_permanent_resident" | "uscc" | "other") | null;
                        /** @enum {string} */
                        kind: "individual" | "organization";
                        mobile?: string | null;
                        name?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            matches: {
                                code?: string;
                                hard: boolean;
                                id?: number;
                                inScope: boolean;
                                matchedOn: string[];
                                message?: string;
                                name: string;
                                orgUnitName: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/export.{format}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export the filtered list as CSV (UTF-8 with BOM) or Excel (.xlsx, every value as text); audited */
        get: {
            parameters: {
                query?: {
                    createdFrom?: string;
                    createdTo?: string;
                    cursor?: string;
                    /** @description List deleted customers instead (needs customer:restore) */
                    deleted?: "true" | "false";
                    industry?: string;
                    kind?: "individual" | "organization";
                    limit?: number;
                    /** @description This org unit and every unit below it */
                    orgUnitId?: string;
                    ownerId?: string;
                    provinceCode?: string;
                    /** @description Code or its first characters (4 or more), mobile, email, or part of a Chinese or Latin name */
                    q?: string;
                    /** @description Members of this segment */
                    segmentId?: string;
                    sort?: "createdAt" | "-createdAt" | "updatedAt" | "-updatedAt" | "name" | "-name" | "code" | "-code";
                    status?: "prospect" | "active" | "dormant" | "churned";
                    /** @description Customers who have this tag */
                    tagId?: string;
                };
                header?: never;
                path: {
                    format: "csv" | "xlsx";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dashboard/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Customer figures for the home page, within your scope (up to 30 s old) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CustomerDashboard"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/data-dictionary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every field with its meaning and source, built-in and custom (readable by all staff) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            custom: boolean;
                            entity: string;
                            field: string;
                            labelEn: string;
                            labelZh: string;
                            meaningEn: string | null;
                            meaningZh: string | null;
                            sourceEn: string;
                            sourceZh: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exchange-rates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The rates into yuan that totals across accounts use, and the currencies still without one */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            base: string;
                            /** @description Currencies amounts are kept in that have no rate: those amounts are left out of every total */
                            missing: {
                                creditLimits: number;
                                currency: string;
                                /** @description Customers with an amount in this currency */
                                customers: number;
                                /** @description Up to three of them, in the reader's scope */
                                examples: {
                                    code: string;
                                    id: number;
                                    name: string;
                                }[];
                                holdings: number;
                                receivables: number;
                                transactions: number;
                            }[];
                            rates: {
                                /** @description The base currency (CNY): its rate is always 1 */
                                base: boolean;
                                currency: string;
                                rate: string;
                                /** @description Null for the base currency */
                                updatedAt: string | null;
                                updatedByName: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exchange-rates/{currency}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set a currency's rate (adds it when new); credit, tag and segment rules are recomputed for every customer */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description ISO 4217 code, e.g. USD */
                    currency: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Yuan for one unit of the currency, e.g. "7.1234" */
                        rate: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The base currency (CNY): its rate is always 1 */
                            base: boolean;
                            currency: string;
                            rate: string;
                            /** @description Null for the base currency */
                            updatedAt: string | null;
                            updatedByName: string | null;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Remove a currency's rate: its amounts are left out of totals */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description ISO 4217 code, e.g. USD */
                    currency: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/import-profiles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Saved column mappings */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ImportProfile"][];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        mapping: {
                            [key: string]: string;
                        };
                        name: string;
                        /** @default {} */
                        options?: {
                            /**
                             * @description Holdings: how the file writes what a customer owes on loans, mortgages and cards ('negative': -1234.50 is 1234.50 owed), as in an import's options
                             * @enum {string}
                             */
                            debtSign?: "positive" | "negative";
                            /** @enum {string} */
                            policy?: "reject_file" | "load_valid";
                            sourceSystem?: string;
                        };
                        /** @enum {string} */
                        target: "customers" | "holdings" | "transactions" | "customer_tags";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ImportProfile"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/import-profiles/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        mapping: {
                            [key: string]: string;
                        };
                        name: string;
                        /** @default {} */
                        options?: {
                            /**
                             * @description Holdings: how the file writes what a customer owes on loans, mortgages and cards ('negative': -1234.50 is 1234.50 owed), as in an import's options
                             * @enum {string}
                             */
                            debtSign?: "positive" | "negative";
                            /** @enum {string} */
                            policy?: "reject_file" | "load_valid";
                            sourceSystem?: string;
                        };
                        /** @enum {string} */
                        target: "customers" | "holdings" | "transactions" | "customer_tags";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ImportProfile"];
                    };
                };
            };
        };
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/import-quarantine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Quarantined rows of all runs, newest first */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    status?: "open" | "resolved" | "all";
                    target?: "holdings" | "transactions";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["QuarantinedRow"][];
                            nextCursor: string | null;
                            /** @description Open rows in all pages */
                            open: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/import-quarantine/reprocess": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Load the quarantined rows whose customer is known now (of one run, or all); the others stay. Recorded as import runs */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Only the rows of this run */
                        runId?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            open: number;
                            resolved: number;
                            runs: components["schemas"]["ImportRun"][];
                            tried: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/import-sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The scheduled extractions */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ImportSource"][];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        config: {
                            /**
                             * @description holdings: how the source writes what a customer owes on loans, mortgages and cards ('negative': -1234.50 is 1234.50 owed)
                             * @enum {string}
                             */
                            debtSign?: "positive" | "negative";
                            /** @description folder: a folder inside the import inbox (GET /import-sources/settings tells where it is), e.g. "cards"; an absolute path inside the inbox is stored relative to it */
                            path?: string;
                            /** @description folder: file names to take, e.g. 'cards_*.csv' */
                            pattern?: string;
                            /** @description postgres/mysql: the rows to load; :watermark stands for the last loaded value (null at first) */
                            query?: string;
                            /** @description folder: a data file waits until its control file '<name>.ctl' (rows=…, amount=…) is there; without this, a control file is checked when present */
                            requireControlFile?: boolean;
                            /** @description postgres/mysql: connection string */
                            url?: string;
                            /** @description postgres/mysql: the column whose highest value is remembered */
                            watermarkColumn?: string;
                        };
                        /** @description When to run, e.g. '0 2 * * *' for 02:00 every day */
                        cron: string;
                        /** @default true */
                        enabled?: boolean;
                        /** @enum {string} */
                        kind: "folder" | "postgres" | "mysql";
                        mapping: {
                            [key: string]: string;
                        };
                        /** @default 2 */
                        maxRetries?: number;
                        name: string;
                        /**
                         * @default reject_file
                         * @enum {string}
                         */
                        policy?: "reject_file" | "load_valid";
                        sourceSystem: string;
                        /** @enum {string} */
                        target: "customers" | "holdings" | "transactions" | "customer_tags";
                        /** @default Asia/Shanghai */
                        timeZone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SavedImportSource"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/import-sources/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        config: {
                            /**
                             * @description holdings: how the source writes what a customer owes on loans, mortgages and cards ('negative': -1234.50 is 1234.50 owed)
                             * @enum {string}
                             */
                            debtSign?: "positive" | "negative";
                            /** @description folder: a folder inside the import inbox (GET /import-sources/settings tells where it is), e.g. "cards"; an absolute path inside the inbox is stored relative to it */
                            path?: string;
                            /** @description folder: file names to take, e.g. 'cards_*.csv' */
                            pattern?: string;
                            /** @description postgres/mysql: the rows to load; :watermark stands for the last loaded value (null at first) */
                            query?: string;
                            /** @description folder: a data file waits until its control file '<name>.ctl' (rows=…, amount=…) is there; without this, a control file is checked when present */
                            requireControlFile?: boolean;
                            /** @description postgres/mysql: connection string */
                            url?: string;
                            /** @description postgres/mysql: the column whose highest value is remembered */
                            watermarkColumn?: string;
                        };
                        /** @description When to run, e.g. '0 2 * * *' for 02:00 every day */
                        cron: string;
                        /** @default true */
                        enabled?: boolean;
                        /** @enum {string} */
                        kind: "folder" | "postgres" | "mysql";
                        mapping: {
                            [key: string]: string;
                        };
                        /** @default 2 */
                        maxRetries?: number;
                        name: string;
                        /**
                         * @default reject_file
                         * @enum {string}
                         */
                        policy?: "reject_file" | "load_valid";
                        sourceSystem: string;
                        /** @enum {string} */
                        target: "customers" | "holdings" | "transactions" | "customer_tags";
                        /** @default Asia/Shanghai */
                        timeZone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SavedImportSource"];
                    };
                };
            };
        };
        post?: never;
        /** Remove a source (not while it runs); its runs stay in the import history */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/import-sources/{id}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run a source now and wait for it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string | null;
                            runIds: number[];
                            status: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/import-sources/{id}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The source's runs, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/import-sources/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where folder sources live on the server (for those who set sources up) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ImportSourceSettings"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Import runs, newest first; filtered by what they loaded, how they ended, how they were started and the day they started */
        get: {
            parameters: {
                query?: {
                    beforeId?: string;
                    limit?: number;
                    /** @description How it was started: 'upload' the web app, 'api' an API token, 'cli' the command line, 'schedule' a scheduled source, 'quarantine' a reprocess of quarantined rows */
                    source?: "upload" | "api" | "cli" | "schedule" | "quarantine";
                    /** @description Started on this day or later (China time) */
                    startedFrom?: string;
                    /** @description Started on this day or earlier (China time) */
                    startedTo?: string;
                    /** @description How the run ended: 'failed' leaves out the runs a stopped server interrupted, which 'interrupted' lists */
                    status?: "running" | "succeeded" | "rejected" | "failed" | "interrupted";
                    target?: "customers" | "holdings" | "transactions" | "customer_tags";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ImportRun"][];
                    };
                };
            };
        };
        put?: never;
        /** Run an import. 202 while it runs (poll GET /imports/:id), or 200 when it ran with ?wait=true or was loaded before */
        post: {
            parameters: {
                query?: {
                    wait?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Control totals from the sending system: checked before anything is stored; when they differ nothing is loaded and the run fails */
                        controlTotals?: {
                            /** @description The sum of the amount column as the file writes it (transactions: amount, holdings: balance), a decimal string such as '1234.56' */
                            amountSum?: string;
                            /** @description The number of data rows the file holds (the header not counted) */
                            rows?: number;
                        };
                        /**
                         * @description Overrides the detected encoding
                         * @enum {string}
                         */
                        encoding?: "UTF-8" | "GB18030" | "GBK" | "Big5" | "UTF-16LE" | "UTF-16BE";
                        /** @description The SHA-256 of the uploaded file, as the upload answered */
                        fileId: string;
                        fileName?: string | null;
                        /** @description Load again a file that was loaded before with the same mapping */
                        force?: boolean;
                        /**
                         * @description Overrides the detected format
                         * @enum {string}
                         */
                        format?: "csv" | "xlsx" | "jsonl";
                        /** @description The file's column → the field it fills (see GET /imports/fields) */
                        mapping: {
                            [key: string]: string;
                        };
                        options?: {
                            /**
                             * @description Holdings: how the file writes what a customer owes on loans, mortgages and cards. 'positive' (default) as stored; 'negative' turns -1234.50 into 1234.50 owed
                             * @enum {string}
                             */
                            debtSign?: "positive" | "negative";
                            /** @description Org unit of new customers whose row names neither an org unit nor a customer manager (one naming a manager goes to the manager's unit) */
                            orgUnitId?: number;
                            /** @description Where the file comes from (core_banking, billing …); external ids are unique within it */
                            sourceSystem?: string;
                        };
                        /**
                         * @description reject_file: any row error loads nothing; load_valid: load the valid rows
                         * @default reject_file
                         * @enum {string}
                         */
                        policy?: "reject_file" | "load_valid";
                        /** @enum {string} */
                        target: "customers" | "holdings" | "transactions" | "customer_tags";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description True when the same file was loaded before with the same target, mapping and options, whatever its policy: `run` is that earlier run, and nothing was loaded again (`force` loads it again) */
                            alreadyImported: boolean;
                            /** @description When alreadyImported: which earlier run loaded the file (its number and start), in your language */
                            message?: string;
                            run: components["schemas"]["ImportRun"];
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            alreadyImported: boolean;
                            run: components["schemas"]["ImportRun"];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ImportRun"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/{id}/errors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A run's row errors in your language (first 1,000); values of fields your roles mask are masked */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            column: string | null;
                            /** @description For a duplicate of a customer in your scope: the two customers, to open or merge them */
                            duplicate?: {
                                /** @description The customer already stored */
                                customerId: number;
                                /** @description The row's own customer, when it exists */
                                sourceId: number | null;
                            } | null;
                            message: string;
                            rowNo: number;
                            value: string | null;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/{id}/errors.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The error report to download: row, column, value, reason (UTF-8 CSV) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/{id}/quarantine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A run's quarantined rows (customer not known when it ran), in row order */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    status?: "open" | "resolved" | "all";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["QuarantinedRow"][];
                            nextCursor: string | null;
                            /** @description Open rows in all pages */
                            open: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/{id}/rejected-rows.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The file's rows that had errors, in its own columns with the reasons last: to correct and import again (UTF-8 CSV). Values are as the file has them, not masked (masked ones could not be imported again): 403 unless you started the run or your roles mask none of its fields */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/fields": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The fields each target can fill */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: {
                                key: string;
                                kind: string;
                                required: boolean;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upload a file to import (the raw bytes as the body, any content type but a form); answers its columns, first rows and a suggested mapping */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The file name, URI-encoded */
                    "x-file-name"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            delimiter: string | null;
                            encoding: string | null;
                            fileId: string;
                            /** @enum {string} */
                            format: "csv" | "xlsx" | "jsonl";
                            headers: string[];
                            sample: {
                                [key: string]: unknown;
                            }[];
                            size: number;
                            suggested: {
                                [key: string]: {
                                    [key: string]: string;
                                };
                            };
                            /**
                             * @description What the file most likely holds, from its headers
                             * @enum {string}
                             */
                            suggestedTarget: "customers" | "holdings" | "transactions" | "customer_tags";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The first 20 rows as they would be stored, with their errors; writes nothing */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Control totals from the sending system: checked before anything is stored; when they differ nothing is loaded and the run fails */
                        controlTotals?: {
                            /** @description The sum of the amount column as the file writes it (transactions: amount, holdings: balance), a decimal string such as '1234.56' */
                            amountSum?: string;
                            /** @description The number of data rows the file holds (the header not counted) */
                            rows?: number;
                        };
                        /**
                         * @description Overrides the detected encoding
                         * @enum {string}
                         */
                        encoding?: "UTF-8" | "GB18030" | "GBK" | "Big5" | "UTF-16LE" | "UTF-16BE";
                        /** @description The SHA-256 of the uploaded file, as the upload answered */
                        fileId: string;
                        fileName?: string | null;
                        /** @description Load again a file that was loaded before with the same mapping */
                        force?: boolean;
                        /**
                         * @description Overrides the detected format
                         * @enum {string}
                         */
                        format?: "csv" | "xlsx" | "jsonl";
                        /** @description The file's column → the field it fills (see GET /imports/fields) */
                        mapping: {
                            [key: string]: string;
                        };
                        options?: {
                            /**
                             * @description Holdings: how the file writes what a customer owes on loans, mortgages and cards. 'positive' (default) as stored; 'negative' turns -1234.50 into 1234.50 owed
                             * @enum {string}
                             */
                            debtSign?: "positive" | "negative";
                            /** @description Org unit of new customers whose row names neither an org unit nor a customer manager (one naming a manager goes to the manager's unit) */
                            orgUnitId?: number;
                            /** @description Where the file comes from (core_banking, billing …); external ids are unique within it */
                            sourceSystem?: string;
                        };
                        /**
                         * @description reject_file: any row error loads nothing; load_valid: load the valid rows
                         * @default reject_file
                         * @enum {string}
                         */
                        policy?: "reject_file" | "load_valid";
                        /** @enum {string} */
                        target: "customers" | "holdings" | "transactions" | "customer_tags";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The customers the rows refer to (values.customerId), those in the reader's scope */
                            customers: {
                                code: string;
                                id: number;
                                name: string;
                            }[];
                            errors: {
                                code: string;
                                column: string | null;
                                /** @description For a duplicate of a customer in your scope: the two customers, to open or merge them */
                                duplicate?: {
                                    /** @description The customer already stored */
                                    customerId: number;
                                    /** @description The row's own customer, when it exists */
                                    sourceId: number | null;
                                } | null;
                                message: string;
                                rowNo: number;
                                value: string | null;
                            }[];
                            /** @description The customer managers the rows name (values.ownerId) */
                            owners: {
                                displayName: string;
                                id: number;
                                username: string;
                            }[];
                            rows: {
                                action: string;
                                /** @description The values shown masked for you, by your roles' field rules as on the customer's page: account numbers (holdings' externalId, transactions' holdingExternalId: ****2642) follow the rule for the ID number; idNumber, mobile, contact.mobile, custom.<key> … their own. Fields your roles hide are left out */
                                masked: string[];
                                rowNo: number;
                                values: {
                                    [key: string]: unknown;
                                };
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kb": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search the knowledge base */
        get: {
            parameters: {
                query?: {
                    categoryId?: string;
                    drafts?: "true" | "false";
                    limit?: number;
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            categoryId: number | null;
                            excerptEn: string | null;
                            /** @description The first 200 characters of the body */
                            excerptZh: string;
                            id: number;
                            /** @enum {string} */
                            status: "draft" | "published" | "archived";
                            titleEn: string | null;
                            titleZh: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** A case article, from a resolved ticket or on its own */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        bodyEn?: string | null;
                        bodyZh: string;
                        categoryId?: number | null;
                        ticketId?: number | null;
                        titleEn?: string | null;
                        titleZh: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["KbArticle"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kb/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["KbArticle"];
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        bodyEn?: string | null;
                        bodyZh: string;
                        categoryId?: number | null;
                        /** @enum {string} */
                        status: "draft" | "published" | "archived";
                        titleEn?: string | null;
                        titleZh: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["KbArticle"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kb/suggest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Articles like a text (a new ticket as it is typed) */
        get: {
            parameters: {
                query: {
                    text: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            /** @description Share of the text bigrams found in the article, 0–1 */
                            score: number;
                            titleEn: string | null;
                            titleZh: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your notifications, newest first, in your language, with the unread count */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    unread?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                createdAt: string;
                                id: number;
                                kind: string;
                                link: string | null;
                                params: {
                                    [key: string]: unknown;
                                };
                                readAt: string | null;
                                text: string;
                            }[];
                            unread: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/org-units": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The whole org tree, ordered by path */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OrgUnit"][];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                        /**
                         * @default branch
                         * @enum {string}
                         */
                        kind?: "head_office" | "province" | "city" | "branch" | "sub_branch" | "department";
                        /** @default null */
                        nameEn?: string | null;
                        nameZh: string;
                        parentId: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OrgUnit"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/org-units/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OrgUnit"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code?: string;
                        /** @enum {string} */
                        kind?: "head_office" | "province" | "city" | "branch" | "sub_branch" | "department";
                        nameEn?: string | null;
                        nameZh?: string;
                        /** @description Set to move the unit with its whole subtree */
                        parentId?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OrgUnit"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/permissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/process/definitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest version of every process */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            id: number;
                            key: string;
                            nameEn: string;
                            nameZh: string;
                            /** @description Open cases on any version of this process */
                            openCases: number;
                            version: number;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/process/definitions/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest version of a process, with the list of its versions */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    key: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            definition: {
                                initial: string;
                                states: {
                                    actor?: {
                                        /** @enum {string} */
                                        kind: "role";
                                        /** @default false */
                                        near: boolean;
                                        role: string;
                                    } | {
                                        /** @enum {string} */
                                        kind: "unit";
                                        unitId: number;
                                    } | {
                                        /** @enum {string} */
                                        kind: "user";
                                        userId: number;
                                    } | {
                                        /** @enum {string} */
                                        kind: "customer_manager";
                                    } | {
                                        /** @enum {string} */
                                        kind: "superior";
                                    } | {
                                        /** @enum {string} */
                                        kind: "chosen";
                                    } | {
                                        /** @enum {string} */
                                        kind: "same_as";
                                        state: string;
                                    };
                                    approval?: {
                                        approvers: {
                                            /** @enum {string} */
                                            kind: "role";
                                            /** @default false */
                                            near: boolean;
                                            role: string;
                                        } | {
                                            /** @enum {string} */
                                            kind: "unit";
                                            unitId: number;
                                        } | {
                                            /** @enum {string} */
                                            kind: "user";
                                            userId: number;
                                        } | {
                                            /** @enum {string} */
                                            kind: "customer_manager";
                                        } | {
                                            /** @enum {string} */
                                            kind: "superior";
                                        } | {
                                            /** @enum {string} */
                                            kind: "chosen";
                                        } | {
                                            /** @enum {string} */
                                            kind: "same_as";
                                            state: string;
                                        };
                                        /**
                                         * @default any
                                         * @enum {string}
                                         */
                                        mode: "any" | "all";
                                    };
                                    /** @default false */
                                    final: boolean;
                                    key: string;
                                    nameEn: string;
                                    nameZh: string;
                                    /** @default false */
                                    stage: boolean;
                                    timeLimit?: {
                                        hours: number;
                                        /**
                                         * @default escalate
                                         * @enum {string}
                                         */
                                        onBreach: "remind" | "escalate" | "reassign";
                                        reassignTo?: {
                                            /** @enum {string} */
                                            kind: "role";
                                            /** @default false */
                                            near: boolean;
                                            role: string;
                                        } | {
                                            /** @enum {string} */
                                            kind: "unit";
                                            unitId: number;
                                        } | {
                                            /** @enum {string} */
                                            kind: "user";
                                            userId: number;
                                        } | {
                                            /** @enum {string} */
                                            kind: "customer_manager";
                                        } | {
                                            /** @enum {string} */
                                            kind: "superior";
                                        } | {
                                            /** @enum {string} */
                                            kind: "chosen";
                                        } | {
                                            /** @enum {string} */
                                            kind: "same_as";
                                            state: string;
                                        };
                                        remindBeforeHours?: number;
                                    };
                                }[];
                                transitions: {
                                    /** @default false */
                                    commentRequired: boolean;
                                    /** @enum {string} */
                                    effect?: "first_response" | "resolve" | "reopen" | "close";
                                    /** @default [] */
                                    form: {
                                        key: string;
                                        /** @default false */
                                        required: boolean;
                                        /**
                                         * @default text
                                         * @enum {string}
                                         */
                                        type: "text" | "number" | "score";
                                    }[];
                                    from: string;
                                    /** @default [] */
                                    guards: {
                                        /** @enum {string} */
                                        op: "eq" | "ne" | "lt" | "lte" | "gt" | "gte" | "present" | "absent";
                                        value?: string | number | boolean;
                                        var: string;
                                    }[];
                                    key: string;
                                    nameEn: string;
                                    nameZh: string;
                                    signal?: string;
                                    to: string;
                                    /**
                                     * @default user
                                     * @enum {string}
                                     */
                                    trigger: "user" | "approved" | "rejected" | "timeout" | "signal";
                                }[];
                            };
                            id: number;
                            key: string;
                            nameEn: string;
                            nameZh: string;
                            version: number;
                            /** @description Newest first */
                            versions: {
                                /** @description Cases started on this version */
                                cases: number;
                                /** Format: date-time */
                                createdAt: string;
                                createdByName: string | null;
                                id: number;
                                version: number;
                            }[];
                        };
                    };
                };
            };
        };
        /** Save a new version (running cases keep the version they started with); unreachable states or no end are refused */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    key: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        definition: {
                            initial: string;
                            states: {
                                actor?: {
                                    /** @enum {string} */
                                    kind: "role";
                                    /** @default false */
                                    near?: boolean;
                                    role: string;
                                } | {
                                    /** @enum {string} */
                                    kind: "unit";
                                    unitId: number;
                                } | {
                                    /** @enum {string} */
                                    kind: "user";
                                    userId: number;
                                } | {
                                    /** @enum {string} */
                                    kind: "customer_manager";
                                } | {
                                    /** @enum {string} */
                                    kind: "superior";
                                } | {
                                    /** @enum {string} */
                                    kind: "chosen";
                                } | {
                                    /** @enum {string} */
                                    kind: "same_as";
                                    state: string;
                                };
                                approval?: {
                                    approvers: {
                                        /** @enum {string} */
                                        kind: "role";
                                        /** @default false */
                                        near?: boolean;
                                        role: string;
                                    } | {
                                        /** @enum {string} */
                                        kind: "unit";
                                        unitId: number;
                                    } | {
                                        /** @enum {string} */
                                        kind: "user";
                                        userId: number;
                                    } | {
                                        /** @enum {string} */
                                        kind: "customer_manager";
                                    } | {
                                        /** @enum {string} */
                                        kind: "superior";
                                    } | {
                                        /** @enum {string} */
                                        kind: "chosen";
                                    } | {
                                        /** @enum {string} */
                                        kind: "same_as";
                                        state: string;
                                    };
                                    /**
                                     * @default any
                                     * @enum {string}
                                     */
                                    mode?: "any" | "all";
                                };
                                /** @default false */
                                final?: boolean;
                                key: string;
                                nameEn: string;
                                nameZh: string;
                                /** @default false */
                                stage?: boolean;
                                timeLimit?: {
                                    hours: number;
                                    /**
                                     * @default escalate
                                     * @enum {string}
                                     */
                                    onBreach?: "remind" | "escalate" | "reassign";
                                    reassignTo?: {
                                        /** @enum {string} */
                                        kind: "role";
                                        /** @default false */
                                        near?: boolean;
                                        role: string;
                                    } | {
                                        /** @enum {string} */
                                        kind: "unit";
                                        unitId: number;
                                    } | {
                                        /** @enum {string} */
                                        kind: "user";
                                        userId: number;
                                    } | {
                                        /** @enum {string} */
                                        kind: "customer_manager";
                                    } | {
                                        /** @enum {string} */
                                        kind: "superior";
                                    } | {
                                        /** @enum {string} */
                                        kind: "chosen";
                                    } | {
                                        /** @enum {string} */
                                        kind: "same_as";
                                        state: string;
                                    };
                                    remindBeforeHours?: number;
                                };
                            }[];
                            transitions: {
                                /** @default false */
                                commentRequired?: boolean;
                                /** @enum {string} */
                                effect?: "first_response" | "resolve" | "reopen" | "close";
                                /** @default [] */
                                form?: {
                                    key: string;
                                    /** @default false */
                                    required?: boolean;
                                    /**
                                     * @default text
                                     * @enum {string}
                                     */
                                    type?: "text" | "number" | "score";
                                }[];
                                from: string;
                                /** @default [] */
                                guards?: {
                                    /** @enum {string} */
                                    op: "eq" | "ne" | "lt" | "lte" | "gt" | "gte" | "present" | "absent";
                                    value?: string | number | boolean;
                                    var: string;
                                }[];
                                key: string;
                                nameEn: string;
                                nameZh: string;
                                signal?: string;
                                to: string;
                                /**
                                 * @default user
                                 * @enum {string}
                                 */
                                trigger?: "user" | "approved" | "rejected" | "timeout" | "signal";
                            }[];
                        };
                        nameEn: string;
                        nameZh: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProcessVersion"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/process/definitions/{key}/stage-report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Time spent per state (median, p90) and the open cases at risk of missing a key node */
        get: {
            parameters: {
                query?: {
                    riskHours?: number;
                    since?: string;
                };
                header?: never;
                path: {
                    key: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Open cases in a key state whose deadline passed or falls within riskHours */
                            atRisk: {
                                dueAt: string | null;
                                id: number;
                                overdue: boolean;
                                reference: string;
                                state: string;
                                subjectId: number;
                                subjectType: string;
                                title: string;
                            }[];
                            /** @description The latest 200 cases */
                            cases: {
                                /** Format: date-time */
                                createdAt: string;
                                id: number;
                                reference: string;
                                state: string;
                                status: string;
                                subjectId: number;
                                subjectType: string;
                                title: string;
                                /** @description Hours from opening to closing, or to now */
                                totalHours: number;
                            }[];
                            process: {
                                key: string;
                                nameEn: string;
                                nameZh: string;
                            };
                            states: {
                                limitHours: number | null;
                                medianHours: number | null;
                                nameEn: string;
                                nameZh: string;
                                openNow: number;
                                p90Hours: number | null;
                                stage: boolean;
                                state: string;
                                /** @description Times a case entered the state */
                                visits: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/process/definitions/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check a definition without saving it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        definition: {
                            initial: string;
                            states: {
                                actor?: {
                                    /** @enum {string} */
                                    kind: "role";
                                    /** @default false */
                                    near?: boolean;
                                    role: string;
                                } | {
                                    /** @enum {string} */
                                    kind: "unit";
                                    unitId: number;
                                } | {
                                    /** @enum {string} */
                                    kind: "user";
                                    userId: number;
                                } | {
                                    /** @enum {string} */
                                    kind: "customer_manager";
                                } | {
                                    /** @enum {string} */
                                    kind: "superior";
                                } | {
                                    /** @enum {string} */
                                    kind: "chosen";
                                } | {
                                    /** @enum {string} */
                                    kind: "same_as";
                                    state: string;
                                };
                                approval?: {
                                    approvers: {
                                        /** @enum {string} */
                                        kind: "role";
                                        /** @default false */
                                        near?: boolean;
                                        role: string;
                                    } | {
                                        /** @enum {string} */
                                        kind: "unit";
                                        unitId: number;
                                    } | {
                                        /** @enum {string} */
                                        kind: "user";
                                        userId: number;
                                    } | {
                                        /** @enum {string} */
                                        kind: "customer_manager";
                                    } | {
                                        /** @enum {string} */
                                        kind: "superior";
                                    } | {
                                        /** @enum {string} */
                                        kind: "chosen";
                                    } | {
                                        /** @enum {string} */
                                        kind: "same_as";
                                        state: string;
                                    };
                                    /**
                                     * @default any
                                     * @enum {string}
                                     */
                                    mode?: "any" | "all";
                                };
                                /** @default false */
                                final?: boolean;
                                key: string;
                                nameEn: string;
                                nameZh: string;
                                /** @default false */
                                stage?: boolean;
                                timeLimit?: {
                                    hours: number;
                                    /**
                                     * @default escalate
                                     * @enum {string}
                                     */
                                    onBreach?: "remind" | "escalate" | "reassign";
                                    reassignTo?: {
                                        /** @enum {string} */
                                        kind: "role";
                                        /** @default false */
                                        near?: boolean;
                                        role: string;
                                    } | {
                                        /** @enum {string} */
                                        kind: "unit";
                                        unitId: number;
                                    } | {
                                        /** @enum {string} */
                                        kind: "user";
                                        userId: number;
                                    } | {
                                        /** @enum {string} */
                                        kind: "customer_manager";
                                    } | {
                                        /** @enum {string} */
                                        kind: "superior";
                                    } | {
                                        /** @enum {string} */
                                        kind: "chosen";
                                    } | {
                                        /** @enum {string} */
                                        kind: "same_as";
                                        state: string;
                                    };
                                    remindBeforeHours?: number;
                                };
                            }[];
                            transitions: {
                                /** @default false */
                                commentRequired?: boolean;
                                /** @enum {string} */
                                effect?: "first_response" | "resolve" | "reopen" | "close";
                                /** @default [] */
                                form?: {
                                    key: string;
                                    /** @default false */
                                    required?: boolean;
                                    /**
                                     * @default text
                                     * @enum {string}
                                     */
                                    type?: "text" | "number" | "score";
                                }[];
                                from: string;
                                /** @default [] */
                                guards?: {
                                    /** @enum {string} */
                                    op: "eq" | "ne" | "lt" | "lte" | "gt" | "gte" | "present" | "absent";
                                    value?: string | number | boolean;
                                    var: string;
                                }[];
                                key: string;
                                nameEn: string;
                                nameZh: string;
                                signal?: string;
                                to: string;
                                /**
                                 * @default user
                                 * @enum {string}
                                 */
                                trigger?: "user" | "approved" | "rejected" | "timeout" | "signal";
                            }[];
                        };
                        nameEn: string;
                        nameZh: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            problems: {
                                /** @description Message key */
                                code: string;
                                field: string;
                                /** @description In the reader's language */
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/process/inbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Cases waiting for you ('mine': assigned to you or your approval) or for your unit and roles ('department'), most urgent first */
        get: {
            parameters: {
                query?: {
                    afterDue?: string;
                    afterId?: number;
                    box?: "mine" | "department";
                    limit?: number;
                    subjectType?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                assigneeRole: string | null;
                                assigneeUnitId: number | null;
                                assigneeUserId: number | null;
                                definitionKey: string;
                                dueAt: string | null;
                                escalated: boolean;
                                id: number;
                                overdue: boolean;
                                reference: string;
                                seq: number;
                                state: string;
                                /** Format: date-time */
                                stateEnteredAt: string;
                                stateNameEn: string | null;
                                stateNameZh: string | null;
                                subjectId: number;
                                subjectType: string;
                                title: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/visits/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the customer sees before rating (no personal data) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            expired: boolean;
                            number: string;
                            subject: string;
                            used: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        /** The customer's rating through the link; accepted once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        comment?: string | null;
                        score: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/regions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Divisions below a code (none: the provinces); current codes only */
        get: {
            parameters: {
                query?: {
                    parent?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            /** @enum {string} */
                            level: "province" | "city" | "district";
                            name: string;
                            /** @description Pinyin and the kind of division: 朝阳区 → Chaoyang District */
                            nameEn: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/regions/{code}/path": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Names from the province down to this code; retired codes still resolve */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            name: string;
                            /** @description Pinyin and the kind of division: 朝阳区 → Chaoyang District */
                            nameEn: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Role"][];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        dataScope: "own" | "own_and_subordinates" | "unit" | "unit_and_below" | "all";
                        /** @default {} */
                        fieldRules?: {
                            [key: string]: "hidden" | "read" | "edit" | "masked" | "masked_in_lists";
                        };
                        key: string;
                        nameEn: string;
                        nameZh: string;
                        permissions: ("customer:read" | "customer:create" | "customer:update" | "customer:delete" | "customer:restore" | "customer:merge" | "customer:merge_undo" | "customer:export" | "customer:transfer" | "customer:assign" | "activity:write" | "data:import" | "data:backup" | "tag:manage" | "tag:assign" | "segment:manage" | "credit:adjust" | "credit:approve" | "ticket:create" | "ticket:manage" | "process:manage" | "org:manage" | "user:read" | "user:manage" | "role:manage" | "custom_field:manage" | "token:manage" | "audit:read" | "settings:manage")[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Role"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roles/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        dataScope: "own" | "own_and_subordinates" | "unit" | "unit_and_below" | "all";
                        /** @default {} */
                        fieldRules?: {
                            [key: string]: "hidden" | "read" | "edit" | "masked" | "masked_in_lists";
                        };
                        nameEn: string;
                        nameZh: string;
                        permissions: ("customer:read" | "customer:create" | "customer:update" | "customer:delete" | "customer:restore" | "customer:merge" | "customer:merge_undo" | "customer:export" | "customer:transfer" | "customer:assign" | "activity:write" | "data:import" | "data:backup" | "tag:manage" | "tag:assign" | "segment:manage" | "credit:adjust" | "credit:approve" | "ticket:create" | "ticket:manage" | "process:manage" | "org:manage" | "user:read" | "user:manage" | "role:manage" | "custom_field:manage" | "token:manage" | "audit:read" | "settings:manage")[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Role"];
                    };
                };
            };
        };
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/saved-views": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user's saved views of a list page */
        get: {
            parameters: {
                query: {
                    page: "customers" | "tickets";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SavedView"][];
                    };
                };
            };
        };
        put?: never;
        /** Save a view; 409 when the name is taken. A new default replaces the old one */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        isDefault?: boolean;
                        name: string;
                        /** @enum {string} */
                        page: "customers" | "tickets";
                        /** @description The page's filters, sort and columns, as the page itself stores them */
                        state: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SavedView"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/saved-views/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Rename a view, replace its state or make it the default */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        isDefault?: boolean;
                        name?: string;
                        /** @description The page's filters, sort and columns, as the page itself stores them */
                        state?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SavedView"];
                    };
                };
            };
        };
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/segments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Segment"][];
                    };
                };
            };
        };
        put?: never;
        /** Save a dynamic segment (membership kept current) or a static one (the matches now, frozen) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        /** @enum {string} */
                        kind: "dynamic" | "static";
                        nameEn?: string | null;
                        nameZh: string;
                        rule: components["schemas"]["TagRuleInput"];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Segment"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/segments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A segment; its members are GET /customers?segmentId= */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Segment"];
                    };
                };
            };
        };
        /** Rename; a dynamic segment may change its rule */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        nameEn?: string | null;
                        nameZh: string;
                        rule?: components["schemas"]["TagRuleInput"];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Segment"];
                    };
                };
            };
        };
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/segments/{id}/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Recompute a dynamic segment now */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            added: number;
                            removed: number;
                            segments: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/segments/{id}/snapshot": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Freeze the segment's members now into a new static segment */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        nameEn?: string | null;
                        nameZh: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Segment"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/segments/count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Live audience count of a rule in your scope, with ten members and breakdowns by org unit, age band, gender and value tier (for the builder, while typing) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        rule: components["schemas"]["TagRuleInput"];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            breakdown: {
                                ageBands: {
                                    band: string;
                                    count: number;
                                }[];
                                gender: {
                                    count: number;
                                    gender: string;
                                }[];
                                orgUnits: {
                                    count: number;
                                    id: number;
                                    nameEn: string | null;
                                    nameZh: string;
                                }[];
                                tiers: {
                                    count: number;
                                    tier: string;
                                }[];
                            };
                            count: number;
                            sample: {
                                code: string;
                                id: number;
                                name: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settings/customer-code-pattern": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            pattern: string;
                        };
                    };
                };
            };
        };
        /** Pattern of new customer codes: {yyyy} {yy} {mm} {dd} {type} {seq:N} */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        pattern: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            pattern: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tag-categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TagCategory"][];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        nameEn?: string | null;
                        nameZh: string;
                        parentId?: number | null;
                        sort?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TagCategory"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tag-categories/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        nameEn?: string | null;
                        nameZh: string;
                        parentId?: number | null;
                        sort?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TagCategory"];
                    };
                };
            };
        };
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tag catalogue */
        get: {
            parameters: {
                query?: {
                    categoryId?: string;
                    includeInactive?: "true" | "false";
                    kind?: "manual" | "rule" | "imported";
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Tag"][];
                    };
                };
            };
        };
        put?: never;
        /** Create a tag; a rule tag is computed at once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        categoryId?: number | null;
                        description?: string | null;
                        /** @description Stable key used by rules, segments and imports: lower-case letters, digits, _ */
                        key: string;
                        /** @enum {string} */
                        kind: "manual" | "rule" | "imported";
                        nameEn?: string | null;
                        nameZh: string;
                        rule?: components["schemas"]["TagRuleInput"] | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Tag"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tags/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Tag"];
                    };
                };
            };
        };
        /** Edit a tag (its kind stays); a changed rule is recomputed at once */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        categoryId?: number | null;
                        description?: string | null;
                        /** @description Stable key used by rules, segments and imports: lower-case letters, digits, _ */
                        key: string;
                        /** @enum {string} */
                        kind: "manual" | "rule" | "imported";
                        nameEn?: string | null;
                        nameZh: string;
                        rule?: components["schemas"]["TagRuleInput"] | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Tag"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tags/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Customers with the tag, in your scope, by customer id */
        get: {
            parameters: {
                query?: {
                    after?: number;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                code: string;
                                id: number;
                                name: string;
                                orgUnitId: number;
                                ownerId: number | null;
                                /** Format: date-time */
                                since: string;
                            }[];
                            /** @description Pass as after= for the next page */
                            next: number | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Set a manual or imported tag on customers, by id or code (up to 10,000) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        codes?: string[];
                        customerIds?: number[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: number;
                            notFound: number;
                            unchanged: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tags/{id}/members/remove": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take a manual or imported tag off customers, by id or code */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        codes?: string[];
                        customerIds?: number[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: number;
                            notFound: number;
                            unchanged: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tags/{id}/recompute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            failed: {
                                error: string;
                                key: string;
                            }[];
                            gained: number;
                            lost: number;
                            tags: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tags/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** How many customers in your scope a rule matches now, and the first ten: for the rule editor */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        rule: components["schemas"]["TagRuleInput"];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            sample: {
                                code: string;
                                id: number;
                                name: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tags/recompute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Recompute every rule tag now; rules that no longer compile are listed in failed */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            failed: {
                                error: string;
                                key: string;
                            }[];
                            gained: number;
                            lost: number;
                            tags: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The ticket queue: filters, newest first, keyset pages */
        get: {
            parameters: {
                query?: {
                    assignedToMe?: "true" | "false";
                    categoryId?: string;
                    channel?: "counter" | "phone" | "email" | "web" | "api" | "social";
                    createdFrom?: string;
                    createdTo?: string;
                    cursor?: string;
                    customerId?: string;
                    departmentId?: string;
                    limit?: number;
                    overdue?: "true" | "false";
                    priority?: "low" | "normal" | "high" | "urgent";
                    q?: string;
                    state?: string;
                    status?: "open" | "closed";
                    type?: "complaint" | "suggestion" | "request" | "inquiry";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Ticket"][];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Take a complaint, suggestion, request or inquiry; its process starts */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        categoryId?: number | null;
                        /** @enum {string} */
                        channel: "counter" | "phone" | "email" | "web" | "api" | "social";
                        customerId: number;
                        description?: string;
                        holdingId?: number | null;
                        /** @enum {string} */
                        priority?: "low" | "normal" | "high" | "urgent";
                        /** @description A process other than the type's default, e.g. 'hookup' */
                        processKey?: string;
                        relatedKind?: ("opportunity" | "contract" | "order" | "other") | null;
                        relatedRef?: string | null;
                        serviceCharge?: string | null;
                        serviceContent?: string | null;
                        subject: string;
                        /** @enum {string} */
                        type: "complaint" | "suggestion" | "request" | "inquiry";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Ticket"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The ticket, its case (steps, approvals, what you may do now), return visits and similar articles */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: {
                                claim: boolean;
                                decide: boolean;
                                edit: boolean;
                                /** @description A return visit may be recorded now */
                                returnVisit: boolean;
                                transitions: {
                                    /** @description The step must name who acts next (body.assignee) */
                                    chooseAssignee: boolean;
                                    /** @default false */
                                    commentRequired: boolean;
                                    /** @enum {string} */
                                    effect?: "first_response" | "resolve" | "reopen" | "close";
                                    /** @default [] */
                                    form: {
                                        key: string;
                                        /** @default false */
                                        required: boolean;
                                        /**
                                         * @default text
                                         * @enum {string}
                                         */
                                        type: "text" | "number" | "score";
                                    }[];
                                    from: string;
                                    /** @default [] */
                                    guards: {
                                        /** @enum {string} */
                                        op: "eq" | "ne" | "lt" | "lte" | "gt" | "gte" | "present" | "absent";
                                        value?: string | number | boolean;
                                        var: string;
                                    }[];
                                    key: string;
                                    nameEn: string;
                                    nameZh: string;
                                    signal?: string;
                                    to: string;
                                    /**
                                     * @default user
                                     * @enum {string}
                                     */
                                    trigger: "user" | "approved" | "rejected" | "timeout" | "signal";
                                }[];
                            };
                            attachments: {
                                contentType: string;
                                id: number;
                                name: string;
                                /** @description Bytes */
                                size: number;
                                /** Format: date-time */
                                uploadedAt: string;
                                uploadedByName: string | null;
                            }[];
                            case: components["schemas"]["ProcessCase"];
                            returnVisits: {
                                /** Format: date-time */
                                at: string;
                                comment: string | null;
                                id: number;
                                recordedByName: string | null;
                                score: number;
                                /** @enum {string} */
                                via: "staff" | "link";
                            }[];
                            suggestions: {
                                id: number;
                                /** @description Share of the text bigrams found in the article, 0–1 */
                                score: number;
                                titleEn: string | null;
                                titleZh: string;
                            }[];
                            ticket: components["schemas"]["Ticket"];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Priority, category, service content and charges (by whoever may act on it, or ticket:manage) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        categoryId?: number | null;
                        chargeCurrency?: string;
                        /** @enum {string} */
                        priority?: "low" | "normal" | "high" | "urgent";
                        serviceCharge?: string | null;
                        serviceContent?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Ticket"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/tickets/{id}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contentType: string;
                            id: number;
                            name: string;
                            /** @description Bytes */
                            size: number;
                            /** Format: date-time */
                            uploadedAt: string;
                            uploadedByName: string | null;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** Attach a file (the raw bytes as the body, its type as Content-Type, its name URI-encoded in X-File-Name; 10 MB at most) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "x-file-name"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contentType: string;
                            id: number;
                            name: string;
                            /** @description Bytes */
                            size: number;
                            /** Format: date-time */
                            uploadedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{id}/attachments/{attachmentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download an attached file */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    attachmentId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{id}/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take a ticket waiting in your unit's or role's pool */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        expectedSeq: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: {
                                claim: boolean;
                                decide: boolean;
                                edit: boolean;
                                /** @description A return visit may be recorded now */
                                returnVisit: boolean;
                                transitions: {
                                    /** @description The step must name who acts next (body.assignee) */
                                    chooseAssignee: boolean;
                                    /** @default false */
                                    commentRequired: boolean;
                                    /** @enum {string} */
                                    effect?: "first_response" | "resolve" | "reopen" | "close";
                                    /** @default [] */
                                    form: {
                                        key: string;
                                        /** @default false */
                                        required: boolean;
                                        /**
                                         * @default text
                                         * @enum {string}
                                         */
                                        type: "text" | "number" | "score";
                                    }[];
                                    from: string;
                                    /** @default [] */
                                    guards: {
                                        /** @enum {string} */
                                        op: "eq" | "ne" | "lt" | "lte" | "gt" | "gte" | "present" | "absent";
                                        value?: string | number | boolean;
                                        var: string;
                                    }[];
                                    key: string;
                                    nameEn: string;
                                    nameZh: string;
                                    signal?: string;
                                    to: string;
                                    /**
                                     * @default user
                                     * @enum {string}
                                     */
                                    trigger: "user" | "approved" | "rejected" | "timeout" | "signal";
                                }[];
                            };
                            attachments: {
                                contentType: string;
                                id: number;
                                name: string;
                                /** @description Bytes */
                                size: number;
                                /** Format: date-time */
                                uploadedAt: string;
                                uploadedByName: string | null;
                            }[];
                            case: components["schemas"]["ProcessCase"];
                            returnVisits: {
                                /** Format: date-time */
                                at: string;
                                comment: string | null;
                                id: number;
                                recordedByName: string | null;
                                score: number;
                                /** @enum {string} */
                                via: "staff" | "link";
                            }[];
                            suggestions: {
                                id: number;
                                /** @description Share of the text bigrams found in the article, 0–1 */
                                score: number;
                                titleEn: string | null;
                                titleZh: string;
                            }[];
                            ticket: components["schemas"]["Ticket"];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{id}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve or reject, as one of the approvers asked (never your own proposal) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        approve: boolean;
                        comment?: string | null;
                        expectedSeq: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: {
                                claim: boolean;
                                decide: boolean;
                                edit: boolean;
                                /** @description A return visit may be recorded now */
                                returnVisit: boolean;
                                transitions: {
                                    /** @description The step must name who acts next (body.assignee) */
                                    chooseAssignee: boolean;
                                    /** @default false */
                                    commentRequired: boolean;
                                    /** @enum {string} */
                                    effect?: "first_response" | "resolve" | "reopen" | "close";
                                    /** @default [] */
                                    form: {
                                        key: string;
                                        /** @default false */
                                        required: boolean;
                                        /**
                                         * @default text
                                         * @enum {string}
                                         */
                                        type: "text" | "number" | "score";
                                    }[];
                                    from: string;
                                    /** @default [] */
                                    guards: {
                                        /** @enum {string} */
                                        op: "eq" | "ne" | "lt" | "lte" | "gt" | "gte" | "present" | "absent";
                                        value?: string | number | boolean;
                                        var: string;
                                    }[];
                                    key: string;
                                    nameEn: string;
                                    nameZh: string;
                                    signal?: string;
                                    to: string;
                                    /**
                                     * @default user
                                     * @enum {string}
                                     */
                                    trigger: "user" | "approved" | "rejected" | "timeout" | "signal";
                                }[];
                            };
                            attachments: {
                                contentType: string;
                                id: number;
                                name: string;
                                /** @description Bytes */
                                size: number;
                                /** Format: date-time */
                                uploadedAt: string;
                                uploadedByName: string | null;
                            }[];
                            case: components["schemas"]["ProcessCase"];
                            returnVisits: {
                                /** Format: date-time */
                                at: string;
                                comment: string | null;
                                id: number;
                                recordedByName: string | null;
                                score: number;
                                /** @enum {string} */
                                via: "staff" | "link";
                            }[];
                            suggestions: {
                                id: number;
                                /** @description Share of the text bigrams found in the article, 0–1 */
                                score: number;
                                titleEn: string | null;
                                titleZh: string;
                            }[];
                            ticket: components["schemas"]["Ticket"];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{id}/return-visits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the return visit: 3–5 closes the ticket, 1–2 reopens it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        comment?: string | null;
                        expectedSeq: number;
                        score: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: {
                                claim: boolean;
                                decide: boolean;
                                edit: boolean;
                                /** @description A return visit may be recorded now */
                                returnVisit: boolean;
                                transitions: {
                                    /** @description The step must name who acts next (body.assignee) */
                                    chooseAssignee: boolean;
                                    /** @default false */
                                    commentRequired: boolean;
                                    /** @enum {string} */
                                    effect?: "first_response" | "resolve" | "reopen" | "close";
                                    /** @default [] */
                                    form: {
                                        key: string;
                                        /** @default false */
                                        required: boolean;
                                        /**
                                         * @default text
                                         * @enum {string}
                                         */
                                        type: "text" | "number" | "score";
                                    }[];
                                    from: string;
                                    /** @default [] */
                                    guards: {
                                        /** @enum {string} */
                                        op: "eq" | "ne" | "lt" | "lte" | "gt" | "gte" | "present" | "absent";
                                        value?: string | number | boolean;
                                        var: string;
                                    }[];
                                    key: string;
                                    nameEn: string;
                                    nameZh: string;
                                    signal?: string;
                                    to: string;
                                    /**
                                     * @default user
                                     * @enum {string}
                                     */
                                    trigger: "user" | "approved" | "rejected" | "timeout" | "signal";
                                }[];
                            };
                            attachments: {
                                contentType: string;
                                id: number;
                                name: string;
                                /** @description Bytes */
                                size: number;
                                /** Format: date-time */
                                uploadedAt: string;
                                uploadedByName: string | null;
                            }[];
                            case: components["schemas"]["ProcessCase"];
                            returnVisits: {
                                /** Format: date-time */
                                at: string;
                                comment: string | null;
                                id: number;
                                recordedByName: string | null;
                                score: number;
                                /** @enum {string} */
                                via: "staff" | "link";
                            }[];
                            suggestions: {
                                id: number;
                                /** @description Share of the text bigrams found in the article, 0–1 */
                                score: number;
                                titleEn: string | null;
                                titleZh: string;
                            }[];
                            ticket: components["schemas"]["Ticket"];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{id}/steps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take one of the transitions your view of the ticket lists; with 'Prefer: return=minimal' the answer is the case's new state only */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        assignee?: {
                            userId: number;
                        } | {
                            unitId: number;
                        };
                        attachments?: {
                            name: string;
                            /** Format: uri */
                            url: string;
                        }[];
                        comment?: string | null;
                        data?: {
                            [key: string]: string | number | boolean | null;
                        };
                        /** @description The case's seq you saw; if someone acted since, you get 409 instead of overwriting */
                        expectedSeq: number;
                        transition: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: {
                                claim: boolean;
                                decide: boolean;
                                edit: boolean;
                                /** @description A return visit may be recorded now */
                                returnVisit: boolean;
                                transitions: {
                                    /** @description The step must name who acts next (body.assignee) */
                                    chooseAssignee: boolean;
                                    /** @default false */
                                    commentRequired: boolean;
                                    /** @enum {string} */
                                    effect?: "first_response" | "resolve" | "reopen" | "close";
                                    /** @default [] */
                                    form: {
                                        key: string;
                                        /** @default false */
                                        required: boolean;
                                        /**
                                         * @default text
                                         * @enum {string}
                                         */
                                        type: "text" | "number" | "score";
                                    }[];
                                    from: string;
                                    /** @default [] */
                                    guards: {
                                        /** @enum {string} */
                                        op: "eq" | "ne" | "lt" | "lte" | "gt" | "gte" | "present" | "absent";
                                        value?: string | number | boolean;
                                        var: string;
                                    }[];
                                    key: string;
                                    nameEn: string;
                                    nameZh: string;
                                    signal?: string;
                                    to: string;
                                    /**
                                     * @default user
                                     * @enum {string}
                                     */
                                    trigger: "user" | "approved" | "rejected" | "timeout" | "signal";
                                }[];
                            };
                            attachments: {
                                contentType: string;
                                id: number;
                                name: string;
                                /** @description Bytes */
                                size: number;
                                /** Format: date-time */
                                uploadedAt: string;
                                uploadedByName: string | null;
                            }[];
                            case: components["schemas"]["ProcessCase"];
                            returnVisits: {
                                /** Format: date-time */
                                at: string;
                                comment: string | null;
                                id: number;
                                recordedByName: string | null;
                                score: number;
                                /** @enum {string} */
                                via: "staff" | "link";
                            }[];
                            suggestions: {
                                id: number;
                                /** @description Share of the text bigrams found in the article, 0–1 */
                                score: number;
                                titleEn: string | null;
                                titleZh: string;
                            }[];
                            ticket: components["schemas"]["Ticket"];
                        } | {
                            caseId: number;
                            id: number;
                            seq: number;
                            state: string;
                            /** @enum {string} */
                            status: "open" | "closed";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{id}/visit-link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A link the customer opens once to rate the service (valid 14 days) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            expiresAt: string;
                            /** @description The web page to send the customer, /visit/<token> */
                            path: string;
                            token: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/board": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open tickets by state of a process (50 per column, most urgent first) */
        get: {
            parameters: {
                query?: {
                    processKey?: string;
                    type?: "complaint" | "suggestion" | "request" | "inquiry";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            columns: {
                                /** @description All open tickets in the state */
                                count: number;
                                key: string;
                                nameEn: string;
                                nameZh: string;
                                /** @description The 50 most urgent */
                                tickets: components["schemas"]["Ticket"][];
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            code: string;
                            id: number;
                            nameEn: string;
                            nameZh: string;
                            parentId: number | null;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default true */
                        active?: boolean;
                        code: string;
                        nameEn: string;
                        nameZh: string;
                        /** @default null */
                        parentId?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/categories/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default true */
                        active?: boolean;
                        code: string;
                        nameEn: string;
                        nameZh: string;
                        /** @default null */
                        parentId?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Complaint analysis by category, channel, department, org unit, month, type or priority */
        get: {
            parameters: {
                query: {
                    by?: "category" | "channel" | "department" | "org_unit" | "month" | "type" | "priority";
                    from: string;
                    to: string;
                    type?: "complaint" | "suggestion" | "request" | "inquiry";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rows: {
                                firstResponseMedianHours: number | null;
                                firstResponseP90Hours: number | null;
                                /** @description The group (null on the total) */
                                key: string | null;
                                labelEn: string | null;
                                labelZh: string | null;
                                open: number;
                                reopenRate: number | null;
                                resolutionMedianHours: number | null;
                                resolutionP90Hours: number | null;
                                satisfactionAvg: number | null;
                                satisfactionCount: number;
                                /** @description 0–1, of the tickets resolved or still open past their deadline */
                                slaBreachRate: number | null;
                                tickets: number;
                            }[];
                            total: {
                                firstResponseMedianHours: number | null;
                                firstResponseP90Hours: number | null;
                                /** @description The group (null on the total) */
                                key: string | null;
                                labelEn: string | null;
                                labelZh: string | null;
                                open: number;
                                reopenRate: number | null;
                                resolutionMedianHours: number | null;
                                resolutionP90Hours: number | null;
                                satisfactionAvg: number | null;
                                satisfactionCount: number;
                                /** @description 0–1, of the tickets resolved or still open past their deadline */
                                slaBreachRate: number | null;
                                tickets: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/report.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same report as an Excel workbook */
        get: {
            parameters: {
                query: {
                    by?: "category" | "channel" | "department" | "org_unit" | "month" | "type" | "priority";
                    from: string;
                    to: string;
                    type?: "complaint" | "suggestion" | "request" | "inquiry";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/sla": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Hours to resolution by priority */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Hours to resolution */
                            high: number;
                            /** @description Hours to resolution */
                            low: number;
                            /** @description Hours to resolution */
                            normal: number;
                            /** @description Hours to resolution */
                            urgent: number;
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        high: number;
                        low: number;
                        normal: number;
                        urgent: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Hours to resolution */
                            high: number;
                            /** @description Hours to resolution */
                            low: number;
                            /** @description Hours to resolution */
                            normal: number;
                            /** @description Hours to resolution */
                            urgent: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    afterId?: string;
                    limit?: number;
                    /** @description Users of this unit and every unit below it */
                    orgUnitId?: string;
                    search?: string;
                    status?: "active" | "disabled";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"][];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        displayName: string;
                        /** @default null */
                        email?: string | null;
                        /**
                         * @default zh-CN
                         * @enum {string}
                         */
                        locale?: "zh-CN" | "en";
                        /** @default null */
                        managerId?: number | null;
                        orgUnitId: number;
                        password: string;
                        /** @default [] */
                        roleIds?: number[];
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        displayName: string;
                        /** @default null */
                        email?: string | null;
                        /**
                         * @default zh-CN
                         * @enum {string}
                         */
                        locale?: "zh-CN" | "en";
                        /** @default null */
                        managerId?: number | null;
                        orgUnitId: number;
                        /** @default [] */
                        roleIds?: number[];
                        /**
                         * @default active
                         * @enum {string}
                         */
                        status?: "active" | "disabled";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a temporary password the user must change */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Active staff by name, for owner and transfer pickers */
        get: {
            parameters: {
                query?: {
                    /** @description Comma-separated user ids, to show the names of users already chosen */
                    ids?: string;
                    limit?: number;
                    /** @description Part of a name or username */
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            displayName: string;
                            id: number;
                            orgUnitId: number;
                            orgUnitNameEn: string | null;
                            orgUnitNameZh: string;
                            username: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/value/recompute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Recompute RFM, contribution, the Pareto core, tiers, classes, VIP and lifetime value for every customer now (also nightly) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Customers whose value changed, the only ones written */
                            changed: number;
                            /** @enum {string} */
                            clvMethod: "bgnbd_gamma_gamma" | "historical";
                            core: number;
                            customers: number;
                            ms: number;
                            /** @description Milliseconds per step */
                            phases: {
                                [key: string]: number;
                            };
                            /** @description How the column-store copy of the purchases was brought up to date */
                            purchases: {
                                appended: number;
                                ms: number;
                                rebuilt: boolean;
                            };
                            scored: number;
                            vip: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/value/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The last ten recomputes: counts, the lifetime-value method with its fitted parameters, and classification rules that could not be applied */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clv: {
                                bgnbd?: {
                                    a: number;
                                    /** @description in days */
                                    alpha: number;
                                    b: number;
                                    converged: boolean;
                                    logLikelihood: number;
                                    r: number;
                                };
                                /** @description Customers with purchases in the calibration period */
                                customers: number;
                                discountRate: number;
                                fittedOn: number;
                                gammaGamma?: {
                                    converged: boolean;
                                    gamma: number;
                                    logLikelihood: number;
                                    p: number;
                                    q: number;
                                };
                                horizonMonths: number;
                                /** @enum {string} */
                                method: "bgnbd_gamma_gamma" | "historical";
                                /**
                                 * @description Why the models were not used
                                 * @enum {string}
                                 */
                                reason?: "few_customers" | "few_repeat_customers" | "no_fit";
                                repeatCustomers: number;
                                valueShare: number;
                            };
                            /** Format: date-time */
                            computedAt: string;
                            core: number;
                            customers: number;
                            id: number;
                            ms: number;
                            problems: {
                                code: string;
                                field: string;
                                rule: string;
                            }[];
                            scored: number;
                            vip: number;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/value/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The contribution formula, tiers, Pareto share, tier matrix, classification rules and lifetime-value settings */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @default {
                             *       "key": {
                             *         "field": "paretoCore",
                             *         "op": "eq",
                             *         "value": "true"
                             *       },
                             *       "potential": {
                             *         "any": [
                             *           {
                             *             "field": "lifecycle",
                             *             "op": "eq",
                             *             "value": "rising"
                             *           },
                             *           {
                             *             "field": "rfmSegment",
                             *             "op": "in",
                             *             "value": [
                             *               "potential",
                             *               "new",
                             *               "loyal"
                             *             ]
                             *           },
                             *           {
                             *             "field": "matrixTier",
                             *             "op": "eq",
                             *             "value": "gold"
                             *           }
                             *         ]
                             *       },
                             *       "vip": {
                             *         "holdings": {
                             *           "kind": [
                             *             "deposit",
                             *             "investment"
                             *           ]
                             *         },
                             *         "measure": "balance",
                             *         "op": "gte",
                             *         "value": 500000
                             *       }
                             *     }
                             */
                            classification: {
                                /** @description Key customers (重点客户); null: nobody */
                                key: components["schemas"]["TagRule"] | null;
                                /** @description Potential customers (潜力客户), among those who are not key; the rest are ordinary */
                                potential: components["schemas"]["TagRule"] | null;
                                /** @description VIP customers; the rest are regular. May read customerClass */
                                vip: components["schemas"]["TagRule"] | null;
                            };
                            /**
                             * @default {
                             *       "horizonMonths": 12,
                             *       "discountRate": 0,
                             *       "valueShare": 1,
                             *       "historyDays": 1095,
                             *       "minCustomers": 200
                             *     }
                             */
                            clv: {
                                /** @description Yearly discount rate for future value; 0 = none */
                                discountRate: number;
                                /** @description Purchases of these last days calibrate the models */
                                historyDays: number;
                                /** @description Months ahead the lifetime value covers */
                                horizonMonths: number;
                                /** @description Below this many customers with purchases, fall back to past spending */
                                minCustomers: number;
                                /** @description Share of future spending counted as value (1 = the value is the spending) */
                                valueShare: number;
                            };
                            /**
                             * @description Yearly margin per holding kind, as a share of the balance
                             * @default {
                             *       "deposit": 0.015,
                             *       "loan": 0.03,
                             *       "mortgage": 0.02,
                             *       "credit_card": 0.05,
                             *       "investment": 0.01,
                             *       "insurance": 0.02
                             *     }
                             */
                            holdingRates: {
                                [key: string]: number;
                            };
                            /**
                             * @default {
                             *       "incomeSource": "custom.annual_income",
                             *       "ageBounds": [
                             *         30,
                             *         45,
                             *         60
                             *       ],
                             *       "incomeBounds": [
                             *         100000,
                             *         300000
                             *       ],
                             *       "cells": [
                             *         [
                             *           "bronze",
                             *           "silver",
                             *           "gold"
                             *         ],
                             *         [
                             *           "bronze",
                             *           "silver",
                             *           "gold"
                             *         ],
                             *         [
                             *           "bronze",
                             *           "silver",
                             *           "gold"
                             *         ],
                             *         [
                             *           "bronze",
                             *           "bronze",
                             *           "silver"
                             *         ]
                             *       ]
                             *     }
                             */
                            matrix: {
                                /** @description Ages where the next band begins, ascending */
                                ageBounds: number[];
                                /** @description A row per age band (youngest first), a column per income band (lowest first): the tier key, or null for none */
                                cells: (string | null)[][];
                                /** @description Incomes where the next band begins, ascending */
                                incomeBounds: number[];
                                /** @description 'custom.<key>' of a number custom field holding yearly income, or 'assets': active deposit and investment balances in yuan */
                                incomeSource: "assets" | string;
                            };
                            /**
                             * @description The core customers together bring this share of all contribution
                             * @default 0.8
                             */
                            paretoShare: number;
                            /**
                             * @description Value tiers, highest first: a customer gets the first whose minimum his contribution reaches (none below the last)
                             * @default [
                             *       {
                             *         "key": "gold",
                             *         "minContribution": 10000
                             *       },
                             *       {
                             *         "key": "silver",
                             *         "minContribution": 2000
                             *       },
                             *       {
                             *         "key": "bronze",
                             *         "minContribution": 0.01
                             *       }
                             *     ]
                             */
                            tiers: {
                                key: string;
                                minContribution: number;
                            }[];
                            /**
                             * @description Share of debit spending in the window that counts as fee income
                             * @default 0.002
                             */
                            transactionRate: number;
                            /**
                             * @description RFM and spending look back this many days
                             * @default 365
                             */
                            windowDays: number;
                        };
                    };
                };
            };
        };
        /** Change the formula (every setting named); takes effect at the next recompute */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        classification: {
                            /** @description Key customers (重点客户); null: nobody */
                            key: components["schemas"]["TagRuleInput"] | null;
                            /** @description Potential customers (潜力客户), among those who are not key; the rest are ordinary */
                            potential: components["schemas"]["TagRuleInput"] | null;
                            /** @description VIP customers; the rest are regular. May read customerClass */
                            vip: components["schemas"]["TagRuleInput"] | null;
                        };
                        clv: {
                            /** @description Yearly discount rate for future value; 0 = none */
                            discountRate: number;
                            /** @description Purchases of these last days calibrate the models */
                            historyDays: number;
                            /** @description Months ahead the lifetime value covers */
                            horizonMonths: number;
                            /** @description Below this many customers with purchases, fall back to past spending */
                            minCustomers: number;
                            /** @description Share of future spending counted as value (1 = the value is the spending) */
                            valueShare: number;
                        };
                        /** @description Yearly margin per holding kind, as a share of the balance */
                        holdingRates: {
                            [key: string]: number;
                        };
                        matrix: {
                            /** @description Ages where the next band begins, ascending */
                            ageBounds: number[];
                            /** @description A row per age band (youngest first), a column per income band (lowest first): the tier key, or null for none */
                            cells: (string | null)[][];
                            /** @description Incomes where the next band begins, ascending */
                            incomeBounds: number[];
                            /** @description 'custom.<key>' of a number custom field holding yearly income, or 'assets': active deposit and investment balances in yuan */
                            incomeSource: "assets" | string;
                        };
                        /** @description The core customers together bring this share of all contribution */
                        paretoShare: number;
                        /** @description Value tiers, highest first: a customer gets the first whose minimum his contribution reaches (none below the last) */
                        tiers: {
                            key: string;
                            minContribution: number;
                        }[];
                        /** @description Share of debit spending in the window that counts as fee income */
                        transactionRate: number;
                        /** @description RFM and spending look back this many days */
                        windowDays: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @default {
                             *       "key": {
                             *         "field": "paretoCore",
                             *         "op": "eq",
                             *         "value": "true"
                             *       },
                             *       "potential": {
                             *         "any": [
                             *           {
                             *             "field": "lifecycle",
                             *             "op": "eq",
                             *             "value": "rising"
                             *           },
                             *           {
                             *             "field": "rfmSegment",
                             *             "op": "in",
                             *             "value": [
                             *               "potential",
                             *               "new",
                             *               "loyal"
                             *             ]
                             *           },
                             *           {
                             *             "field": "matrixTier",
                             *             "op": "eq",
                             *             "value": "gold"
                             *           }
                             *         ]
                             *       },
                             *       "vip": {
                             *         "holdings": {
                             *           "kind": [
                             *             "deposit",
                             *             "investment"
                             *           ]
                             *         },
                             *         "measure": "balance",
                             *         "op": "gte",
                             *         "value": 500000
                             *       }
                             *     }
                             */
                            classification: {
                                /** @description Key customers (重点客户); null: nobody */
                                key: components["schemas"]["TagRule"] | null;
                                /** @description Potential customers (潜力客户), among those who are not key; the rest are ordinary */
                                potential: components["schemas"]["TagRule"] | null;
                                /** @description VIP customers; the rest are regular. May read customerClass */
                                vip: components["schemas"]["TagRule"] | null;
                            };
                            /**
                             * @default {
                             *       "horizonMonths": 12,
                             *       "discountRate": 0,
                             *       "valueShare": 1,
                             *       "historyDays": 1095,
                             *       "minCustomers": 200
                             *     }
                             */
                            clv: {
                                /** @description Yearly discount rate for future value; 0 = none */
                                discountRate: number;
                                /** @description Purchases of these last days calibrate the models */
                                historyDays: number;
                                /** @description Months ahead the lifetime value covers */
                                horizonMonths: number;
                                /** @description Below this many customers with purchases, fall back to past spending */
                                minCustomers: number;
                                /** @description Share of future spending counted as value (1 = the value is the spending) */
                                valueShare: number;
                            };
                            /**
                             * @description Yearly margin per holding kind, as a share of the balance
                             * @default {
                             *       "deposit": 0.015,
                             *       "loan": 0.03,
                             *       "mortgage": 0.02,
                             *       "credit_card": 0.05,
                             *       "investment": 0.01,
                             *       "insurance": 0.02
                             *     }
                             */
                            holdingRates: {
                                [key: string]: number;
                            };
                            /**
                             * @default {
                             *       "incomeSource": "custom.annual_income",
                             *       "ageBounds": [
                             *         30,
                             *         45,
                             *         60
                             *       ],
                             *       "incomeBounds": [
                             *         100000,
                             *         300000
                             *       ],
                             *       "cells": [
                             *         [
                             *           "bronze",
                             *           "silver",
                             *           "gold"
                             *         ],
                             *         [
                             *           "bronze",
                             *           "silver",
                             *           "gold"
                             *         ],
                             *         [
                             *           "bronze",
                             *           "silver",
                             *           "gold"
                             *         ],
                             *         [
                             *           "bronze",
                             *           "bronze",
                             *           "silver"
                             *         ]
                             *       ]
                             *     }
                             */
                            matrix: {
                                /** @description Ages where the next band begins, ascending */
                                ageBounds: number[];
                                /** @description A row per age band (youngest first), a column per income band (lowest first): the tier key, or null for none */
                                cells: (string | null)[][];
                                /** @description Incomes where the next band begins, ascending */
                                incomeBounds: number[];
                                /** @description 'custom.<key>' of a number custom field holding yearly income, or 'assets': active deposit and investment balances in yuan */
                                incomeSource: "assets" | string;
                            };
                            /**
                             * @description The core customers together bring this share of all contribution
                             * @default 0.8
                             */
                            paretoShare: number;
                            /**
                             * @description Value tiers, highest first: a customer gets the first whose minimum his contribution reaches (none below the last)
                             * @default [
                             *       {
                             *         "key": "gold",
                             *         "minContribution": 10000
                             *       },
                             *       {
                             *         "key": "silver",
                             *         "minContribution": 2000
                             *       },
                             *       {
                             *         "key": "bronze",
                             *         "minContribution": 0.01
                             *       }
                             *     ]
                             */
                            tiers: {
                                key: string;
                                minContribution: number;
                            }[];
                            /**
                             * @description Share of debit spending in the window that counts as fee income
                             * @default 0.002
                             */
                            transactionRate: number;
                            /**
                             * @description RFM and spending look back this many days
                             * @default 365
                             */
                            windowDays: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/value/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Customers, contribution and lifetime value per RFM segment, tier, lifecycle stage, matrix tier, class and VIP, the Pareto core, and the last lifetime-value run, in your scope */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            byClass: {
                                clv: string | null;
                                contribution: string | null;
                                customers: number;
                                key: string | null;
                            }[];
                            byLifecycle: {
                                clv: string | null;
                                contribution: string | null;
                                customers: number;
                                key: string | null;
                            }[];
                            byMatrixTier: {
                                clv: string | null;
                                contribution: string | null;
                                customers: number;
                                key: string | null;
                            }[];
                            bySegment: {
                                clv: string | null;
                                contribution: string | null;
                                customers: number;
                                key: string | null;
                            }[];
                            byTier: {
                                clv: string | null;
                                contribution: string | null;
                                customers: number;
                                key: string | null;
                            }[];
                            /** @description key 'true' or 'false' */
                            byVip: {
                                clv: string | null;
                                contribution: string | null;
                                customers: number;
                                key: string | null;
                            }[];
                            clv: {
                                customers: number;
                                problems: {
                                    code: string;
                                    field: string;
                                    rule: string;
                                }[];
                                run: {
                                    bgnbd?: {
                                        a: number;
                                        /** @description in days */
                                        alpha: number;
                                        b: number;
                                        converged: boolean;
                                        logLikelihood: number;
                                        r: number;
                                    };
                                    /** @description Customers with purchases in the calibration period */
                                    customers: number;
                                    discountRate: number;
                                    fittedOn: number;
                                    gammaGamma?: {
                                        converged: boolean;
                                        gamma: number;
                                        logLikelihood: number;
                                        p: number;
                                        q: number;
                                    };
                                    horizonMonths: number;
                                    /** @enum {string} */
                                    method: "bgnbd_gamma_gamma" | "historical";
                                    /**
                                     * @description Why the models were not used
                                     * @enum {string}
                                     */
                                    reason?: "few_customers" | "few_repeat_customers" | "no_fit";
                                    repeatCustomers: number;
                                    valueShare: number;
                                } | null;
                                total: string | null;
                            };
                            pareto: {
                                computedAt: string | null;
                                contribution: string | null;
                                core: number;
                                coreContribution: string | null;
                                customers: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = Record<string, never>;
export type components = {
    schemas: {
        ApiToken: {
            /** Format: date-time */
            createdAt: string;
            createdBy: number | null;
            expiresAt: string | null;
            id: number;
            lastUsedAt: string | null;
            name: string;
            prefix: string;
            revokedAt: string | null;
            userId: number;
        };
        ApiTokenInput: {
            createdAt: unknown;
            createdBy: number | null;
            expiresAt: unknown | null;
            id: number;
            lastUsedAt: unknown | null;
            name: string;
            prefix: string;
            revokedAt: unknown | null;
            userId: number;
        };
        Backup: {
            bytes: number;
            /** Format: date-time */
            createdAt: string;
            /** @description A user's name, 'schedule', or null for a file copied into the folder by hand */
            createdBy: string | null;
            engine: string | null;
            fileSha256: string | null;
            name: string;
            rows: number | null;
            tables: number | null;
        };
        BackupInput: {
            bytes: number;
            createdAt: unknown;
            /** @description A user's name, 'schedule', or null for a file copied into the folder by hand */
            createdBy: string | null;
            engine: string | null;
            fileSha256: string | null;
            name: string;
            rows: number | null;
            tables: number | null;
        };
        CreditAdjustment: {
            /** @description The customer's final score now (null when not scored yet) */
            currentScore: number | null;
            customerCode: string;
            /** @description The customer was deleted or merged into another since */
            customerDeleted: boolean;
            customerId: number;
            customerName: string;
            decidedAt: string | null;
            decidedByName: string | null;
            decisionComment: string | null;
            id: number;
            points: number;
            reason: string;
            /** Format: date-time */
            requestedAt: string;
            requestedBy: number;
            requestedByName: string;
            /** @enum {string} */
            status: "pending" | "approved" | "rejected" | "withdrawn";
        };
        CreditAdjustmentInput: {
            /** @description The customer's final score now (null when not scored yet) */
            currentScore: number | null;
            customerCode: string;
            /** @description The customer was deleted or merged into another since */
            customerDeleted: boolean;
            customerId: number;
            customerName: string;
            decidedAt: unknown | null;
            decidedByName: string | null;
            decisionComment: string | null;
            id: number;
            points: number;
            reason: string;
            requestedAt: unknown;
            requestedBy: number;
            requestedByName: string;
            /** @enum {string} */
            status: "pending" | "approved" | "rejected" | "withdrawn";
        };
        Customer: {
            address?: string | null;
            birthDate?: string | null;
            cityCode: string | null;
            code: string;
            contacts?: {
                /** Format: date-time */
                createdAt: string;
                customerId: number;
                email: string | null;
                id: number;
                isPrimary: boolean;
                mobile: string | null;
                name: string;
                notes: string | null;
                phone: string | null;
                title: string | null;
                /** Format: date-time */
                updatedAt: string;
            }[];
            /** Format: date-time */
            createdAt: string;
            custom: {
                [key: string]: unknown;
            };
            deletedAt: string | null;
            districtCode: string | null;
            email?: string | null;
            gender: string | null;
            id: number;
            idNumber?: string | null;
            idType: string | null;
            industry: string | null;
            /** @enum {string} */
            kind: "individual" | "organization";
            masked: string[];
            mergedIntoId: number | null;
            mobile?: string | null;
            name: string;
            nameEn: string | null;
            orgUnitCode?: string | null;
            orgUnitId: number;
            orgUnitName?: string | null;
            /** @description The org unit in English, where it has an English name */
            orgUnitNameEn?: string | null;
            ownerId: number | null;
            ownerName?: string | null;
            /** @description The customer manager's user name (what an import's owner column takes) */
            ownerUsername?: string | null;
            phone?: string | null;
            postalCode: string | null;
            provinceCode: string | null;
            regionPath?: {
                code: string;
                name: string;
                nameEn: string;
            }[];
            size: string | null;
            sourceChannel: string | null;
            status: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        CustomerDashboard: {
            byKind: {
                count: number;
                kind: string;
            }[];
            byOrgUnit: {
                byStatus: {
                    [key: string]: number;
                };
                count: number;
                nameEn: string | null;
                nameZh: string;
                orgUnitId: number;
            }[];
            byStatus: {
                count: number;
                status: string;
            }[];
            /** Format: date-time */
            computedAt: string;
            /** @description The last 12 months, oldest first */
            newByMonth: {
                count: number;
                /** @description YYYY-MM */
                month: string;
            }[];
            newLastMonth: number;
            newThisMonth: number;
            /** @description Months are calendar months in this time zone */
            timeZone: string;
            total: number;
        };
        CustomerDashboardInput: {
            byKind: {
                count: number;
                kind: string;
            }[];
            byOrgUnit: {
                byStatus: {
                    [key: string]: number;
                };
                count: number;
                nameEn: string | null;
                nameZh: string;
                orgUnitId: number;
            }[];
            byStatus: {
                count: number;
                status: string;
            }[];
            computedAt: unknown;
            /** @description The last 12 months, oldest first */
            newByMonth: {
                count: number;
                /** @description YYYY-MM */
                month: string;
            }[];
            newLastMonth: number;
            newThisMonth: number;
            /** @description Months are calendar months in this time zone */
            timeZone: string;
            total: number;
        };
        CustomerInput: {
            address?: string | null;
            birthDate?: string | null;
            cityCode: string | null;
            code: string;
            contacts?: {
                createdAt: unknown;
                customerId: number;
                email: string | null;
                id: number;
                isPrimary: boolean;
                mobile: string | null;
                name: string;
                notes: string | null;
                phone: string | null;
                title: string | null;
                updatedAt: unknown;
            }[];
            createdAt: unknown;
            custom: {
                [key: string]: unknown;
            };
            deletedAt: unknown | null;
            districtCode: string | null;
            email?: string | null;
            gender: string | null;
            id: number;
            idNumber?: string | null;
            idType: string | null;
            industry: string | null;
            /** @enum {string} */
            kind: "individual" | "organization";
            masked: string[];
            mergedIntoId: number | null;
            mobile?: string | null;
            name: string;
            nameEn: string | null;
            orgUnitCode?: string | null;
            orgUnitId: number;
            orgUnitName?: string | null;
            /** @description The org unit in English, where it has an English name */
            orgUnitNameEn?: string | null;
            ownerId: number | null;
            ownerName?: string | null;
            /** @description The customer manager's user name (what an import's owner column takes) */
            ownerUsername?: string | null;
            phone?: string | null;
            postalCode: string | null;
            provinceCode: string | null;
            regionPath?: {
                code: string;
                name: string;
                nameEn: string;
            }[];
            size: string | null;
            sourceChannel: string | null;
            status: string;
            updatedAt: unknown;
            version: number;
        };
        CustomField: {
            active: boolean;
            /** Format: date-time */
            createdAt: string;
            descriptionEn: string | null;
            descriptionZh: string | null;
            entity: string;
            id: number;
            key: string;
            labelEn: string;
            labelZh: string;
            options: {
                labelEn: string;
                labelZh: string;
                value: string;
            }[];
            position: number;
            required: boolean;
            /** @enum {string} */
            type: "text" | "number" | "date" | "boolean" | "select" | "multiselect";
            /** Format: date-time */
            updatedAt: string;
        };
        CustomFieldInput: {
            active: boolean;
            createdAt: unknown;
            descriptionEn: string | null;
            descriptionZh: string | null;
            entity: string;
            id: number;
            key: string;
            labelEn: string;
            labelZh: string;
            options: {
                labelEn: string;
                labelZh: string;
                value: string;
            }[];
            position: number;
            required: boolean;
            /** @enum {string} */
            type: "text" | "number" | "date" | "boolean" | "select" | "multiselect";
            updatedAt: unknown;
        };
        Holding: {
            /** @description Decimal string, exact */
            balance: string | null;
            closedOn: string | null;
            creditLimit: string | null;
            currency: string;
            customerId: number;
            externalId: string;
            id: number;
            kind: string;
            /** @description ['externalId'] when the account number is shown masked (****2642): it follows the reader's rule for the ID number */
            masked: string[];
            maturesOn: string | null;
            openedOn: string | null;
            productCode: string | null;
            productName: string | null;
            sourceSystem: string;
            status: string;
            /** Format: date-time */
            updatedAt: string;
        };
        HoldingInput: {
            /** @description Decimal string, exact */
            balance: string | null;
            closedOn: string | null;
            creditLimit: string | null;
            currency: string;
            customerId: number;
            externalId: string;
            id: number;
            kind: string;
            /** @description ['externalId'] when the account number is shown masked (****2642): it follows the reader's rule for the ID number */
            masked: string[];
            maturesOn: string | null;
            openedOn: string | null;
            productCode: string | null;
            productName: string | null;
            sourceSystem: string;
            status: string;
            updatedAt: unknown;
        };
        ImportProfile: {
            /** Format: date-time */
            createdAt: string;
            createdBy: number | null;
            id: number;
            mapping: {
                [key: string]: string;
            };
            name: string;
            options: {
                [key: string]: unknown;
            };
            /** @enum {string} */
            target: "customers" | "holdings" | "transactions" | "customer_tags";
            /** Format: date-time */
            updatedAt: string;
        };
        ImportProfileInput: {
            createdAt: unknown;
            createdBy: number | null;
            id: number;
            mapping: {
                [key: string]: string;
            };
            name: string;
            options: {
                [key: string]: unknown;
            };
            /** @enum {string} */
            target: "customers" | "holdings" | "transactions" | "customer_tags";
            updatedAt: unknown;
        };
        ImportRun: {
            /** @description The sum of the amount column the run read (transactions and holdings) */
            amountSum: string | null;
            /** @description The amount sum the control totals gave */
            controlAmountSum: string | null;
            /** @description Whether the control totals matched; null when none were given */
            controlMatched: boolean | null;
            /** @description The row count the control totals gave (null: none given) */
            controlRows: number | null;
            durationMs: number | null;
            encoding: string | null;
            error: string | null;
            fileChecksum: string | null;
            fileName: string | null;
            fileSize: number | null;
            finishedAt: string | null;
            format: string | null;
            id: number;
            mapping: {
                [key: string]: string;
            };
            options: {
                [key: string]: unknown;
            };
            policy: string;
            /** @description Whether you may download its rows with errors (rejected-rows.csv): they are whole, so only for whoever started the run or a reader whose roles mask none of the file's fields */
            rejectedRowsAllowed: boolean;
            rowsInserted: number;
            rowsQuarantined: number;
            rowsRead: number;
            rowsRejected: number;
            rowsUnchanged: number;
            rowsUpdated: number;
            source: string;
            sourceId: number | null;
            /** Format: date-time */
            startedAt: string;
            startedBy: number | null;
            startedByName: string | null;
            /** @enum {string} */
            status: "running" | "succeeded" | "rejected" | "failed";
            target: string;
        };
        ImportRunInput: {
            /** @description The sum of the amount column the run read (transactions and holdings) */
            amountSum: string | null;
            /** @description The amount sum the control totals gave */
            controlAmountSum: string | null;
            /** @description Whether the control totals matched; null when none were given */
            controlMatched: boolean | null;
            /** @description The row count the control totals gave (null: none given) */
            controlRows: number | null;
            durationMs: number | null;
            encoding: string | null;
            error: string | null;
            fileChecksum: string | null;
            fileName: string | null;
            fileSize: number | null;
            finishedAt: unknown | null;
            format: string | null;
            id: number;
            mapping: {
                [key: string]: string;
            };
            options: {
                [key: string]: unknown;
            };
            policy: string;
            /** @description Whether you may download its rows with errors (rejected-rows.csv): they are whole, so only for whoever started the run or a reader whose roles mask none of the file's fields */
            rejectedRowsAllowed: boolean;
            rowsInserted: number;
            rowsQuarantined: number;
            rowsRead: number;
            rowsRejected: number;
            rowsUnchanged: number;
            rowsUpdated: number;
            source: string;
            sourceId: number | null;
            startedAt: unknown;
            startedBy: number | null;
            startedByName: string | null;
            /** @enum {string} */
            status: "running" | "succeeded" | "rejected" | "failed";
            target: string;
        };
        ImportSource: {
            attempt: number;
            config: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            createdAt: string;
            cron: string;
            enabled: boolean;
            id: number;
            kind: string;
            lastError: string | null;
            lastRunAt: string | null;
            lastStatus: string | null;
            mapping: {
                [key: string]: string;
            };
            maxRetries: number;
            name: string;
            nextRunAt: string | null;
            policy: string;
            sourceSystem: string;
            target: string;
            timeZone: string;
            /** Format: date-time */
            updatedAt: string;
            watermark: string | null;
        };
        ImportSourceInput: {
            attempt: number;
            config: {
                [key: string]: unknown;
            };
            createdAt: unknown;
            cron: string;
            enabled: boolean;
            id: number;
            kind: string;
            lastError: string | null;
            lastRunAt: unknown | null;
            lastStatus: string | null;
            mapping: {
                [key: string]: string;
            };
            maxRetries: number;
            name: string;
            nextRunAt: unknown | null;
            policy: string;
            sourceSystem: string;
            target: string;
            timeZone: string;
            updatedAt: unknown;
            watermark: string | null;
        };
        ImportSourceSettings: {
            /** @description The absolute path of the import inbox on the server: folder sources name a folder inside it */
            inbox: string;
        };
        ImportSourceSettingsInput: {
            /** @description The absolute path of the import inbox on the server: folder sources name a folder inside it */
            inbox: string;
        };
        KbArticle: {
            bodyEn: string | null;
            bodyZh: string;
            categoryId: number | null;
            /** Format: date-time */
            createdAt: string;
            createdByName: string | null;
            id: number;
            /** @enum {string} */
            status: "draft" | "published" | "archived";
            ticketId: number | null;
            ticketNumber: string | null;
            titleEn: string | null;
            titleZh: string;
            /** Format: date-time */
            updatedAt: string;
        };
        KbArticleInput: {
            bodyEn: string | null;
            bodyZh: string;
            categoryId: number | null;
            createdAt: unknown;
            createdByName: string | null;
            id: number;
            /** @enum {string} */
            status: "draft" | "published" | "archived";
            ticketId: number | null;
            ticketNumber: string | null;
            titleEn: string | null;
            titleZh: string;
            updatedAt: unknown;
        };
        OrgUnit: {
            code: string;
            /** Format: date-time */
            createdAt: string;
            depth: number;
            id: number;
            kind: string;
            nameEn: string | null;
            nameZh: string;
            parentId: number | null;
            path: string;
            /** Format: date-time */
            updatedAt: string;
        };
        OrgUnitInput: {
            code: string;
            createdAt: unknown;
            depth: number;
            id: number;
            kind: string;
            nameEn: string | null;
            nameZh: string;
            parentId: number | null;
            path: string;
            updatedAt: unknown;
        };
        ProcessCase: {
            actions: {
                claim: boolean;
                decide: boolean;
                transitions: {
                    /** @description The step must name who acts next (body.assignee) */
                    chooseAssignee: boolean;
                    /** @default false */
                    commentRequired: boolean;
                    /** @enum {string} */
                    effect?: "first_response" | "resolve" | "reopen" | "close";
                    /** @default [] */
                    form: {
                        key: string;
                        /** @default false */
                        required: boolean;
                        /**
                         * @default text
                         * @enum {string}
                         */
                        type: "text" | "number" | "score";
                    }[];
                    from: string;
                    /** @default [] */
                    guards: {
                        /** @enum {string} */
                        op: "eq" | "ne" | "lt" | "lte" | "gt" | "gte" | "present" | "absent";
                        value?: string | number | boolean;
                        var: string;
                    }[];
                    key: string;
                    nameEn: string;
                    nameZh: string;
                    signal?: string;
                    to: string;
                    /**
                     * @default user
                     * @enum {string}
                     */
                    trigger: "user" | "approved" | "rejected" | "timeout" | "signal";
                }[];
            };
            /** @description The approvers asked at the current step */
            approvals: {
                comment: string | null;
                decidedAt: string | null;
                decision: ("approved" | "rejected") | null;
                seq: number;
                userId: number;
                userName: string;
            }[];
            assignee: {
                role: string | null;
                unitId: number | null;
                unitName: string | null;
                unitNameEn: string | null;
                userId: number | null;
                userName: string | null;
            };
            assigneeRole: string | null;
            assigneeUnitId: number | null;
            assigneeUserId: number | null;
            /** @description Who last acted for each state */
            assignments: {
                [key: string]: {
                    role: string | null;
                    unitId: number | null;
                    userId: number | null;
                };
            };
            definitionId: number;
            dueAt: string | null;
            escalated: boolean;
            id: number;
            orgUnitId: number | null;
            ownerId: number | null;
            process: {
                key: string;
                nameEn: string;
                nameZh: string;
                version: number;
            };
            reference: string;
            /** @description Steps taken so far; send it back as expectedSeq */
            seq: number;
            state: string;
            stateDef: {
                actor?: {
                    /** @constant */
                    kind: "role";
                    /** @default false */
                    near: boolean;
                    role: string;
                } | {
                    /** @constant */
                    kind: "unit";
                    unitId: number;
                } | {
                    /** @constant */
                    kind: "user";
                    userId: number;
                } | {
                    /** @constant */
                    kind: "customer_manager";
                } | {
                    /** @constant */
                    kind: "superior";
                } | {
                    /** @constant */
                    kind: "chosen";
                } | {
                    /** @constant */
                    kind: "same_as";
                    state: string;
                };
                approval?: {
                    approvers: {
                        /** @constant */
                        kind: "role";
                        /** @default false */
                        near: boolean;
                        role: string;
                    } | {
                        /** @constant */
                        kind: "unit";
                        unitId: number;
                    } | {
                        /** @constant */
                        kind: "user";
                        userId: number;
                    } | {
                        /** @constant */
                        kind: "customer_manager";
                    } | {
                        /** @constant */
                        kind: "superior";
                    } | {
                        /** @constant */
                        kind: "chosen";
                    } | {
                        /** @constant */
                        kind: "same_as";
                        state: string;
                    };
                    /**
                     * @default any
                     * @enum {string}
                     */
                    mode: "any" | "all";
                };
                /** @default false */
                final: boolean;
                key: string;
                nameEn: string;
                nameZh: string;
                /** @default false */
                stage: boolean;
                timeLimit?: {
                    hours: number;
                    /**
                     * @default escalate
                     * @enum {string}
                     */
                    onBreach: "remind" | "escalate" | "reassign";
                    reassignTo?: {
                        /** @constant */
                        kind: "role";
                        /** @default false */
                        near: boolean;
                        role: string;
                    } | {
                        /** @constant */
                        kind: "unit";
                        unitId: number;
                    } | {
                        /** @constant */
                        kind: "user";
                        userId: number;
                    } | {
                        /** @constant */
                        kind: "customer_manager";
                    } | {
                        /** @constant */
                        kind: "superior";
                    } | {
                        /** @constant */
                        kind: "chosen";
                    } | {
                        /** @constant */
                        kind: "same_as";
                        state: string;
                    };
                    remindBeforeHours?: number;
                };
            };
            /** Format: date-time */
            stateEnteredAt: string;
            states: {
                final: boolean;
                key: string;
                nameEn: string;
                nameZh: string;
                stage: boolean;
            }[];
            /** @enum {string} */
            status: "open" | "closed";
            steps: {
                actorId: number | null;
                /** @description user, system or customer */
                actorKind: string;
                actorName: string | null;
                /** Format: date-time */
                at: string;
                attachments: {
                    name: string;
                    url: string;
                }[];
                comment: string | null;
                /** @description The step's form values */
                data: {
                    [key: string]: unknown;
                };
                fromState: string | null;
                seq: number;
                toState: string;
                /** @description The transition's key, or start, claim, escalate, reassign */
                transition: string;
                transitionNameEn: string | null;
                transitionNameZh: string | null;
            }[];
            subjectId: number;
            subjectType: string;
            title: string;
            /** @description The case's values (the subject's and its steps' form values) */
            vars: {
                [key: string]: unknown;
            };
        };
        ProcessCaseInput: {
            actions: {
                claim: boolean;
                decide: boolean;
                transitions: {
                    /** @description The step must name who acts next (body.assignee) */
                    chooseAssignee: boolean;
                    /** @default false */
                    commentRequired: boolean;
                    /** @enum {string} */
                    effect?: "first_response" | "resolve" | "reopen" | "close";
                    /** @default [] */
                    form: {
                        key: string;
                        /** @default false */
                        required: boolean;
                        /**
                         * @default text
                         * @enum {string}
                         */
                        type: "text" | "number" | "score";
                    }[];
                    from: string;
                    /** @default [] */
                    guards: {
                        /** @enum {string} */
                        op: "eq" | "ne" | "lt" | "lte" | "gt" | "gte" | "present" | "absent";
                        value?: string | number | boolean;
                        var: string;
                    }[];
                    key: string;
                    nameEn: string;
                    nameZh: string;
                    signal?: string;
                    to: string;
                    /**
                     * @default user
                     * @enum {string}
                     */
                    trigger: "user" | "approved" | "rejected" | "timeout" | "signal";
                }[];
            };
            /** @description The approvers asked at the current step */
            approvals: {
                comment: string | null;
                decidedAt: unknown | null;
                decision: ("approved" | "rejected") | null;
                seq: number;
                userId: number;
                userName: string;
            }[];
            assignee: {
                role: string | null;
                unitId: number | null;
                unitName: string | null;
                unitNameEn: string | null;
                userId: number | null;
                userName: string | null;
            };
            assigneeRole: string | null;
            assigneeUnitId: number | null;
            assigneeUserId: number | null;
            /** @description Who last acted for each state */
            assignments: {
                [key: string]: {
                    role: string | null;
                    unitId: number | null;
                    userId: number | null;
                };
            };
            definitionId: number;
            dueAt: unknown | null;
            escalated: boolean;
            id: number;
            orgUnitId: number | null;
            ownerId: number | null;
            process: {
                key: string;
                nameEn: string;
                nameZh: string;
                version: number;
            };
            reference: string;
            /** @description Steps taken so far; send it back as expectedSeq */
            seq: number;
            state: string;
            stateDef: {
                actor?: {
                    /** @constant */
                    kind: "role";
                    /** @default false */
                    near: boolean;
                    role: string;
                } | {
                    /** @constant */
                    kind: "unit";
                    unitId: number;
                } | {
                    /** @constant */
                    kind: "user";
                    userId: number;
                } | {
                    /** @constant */
                    kind: "customer_manager";
                } | {
                    /** @constant */
                    kind: "superior";
                } | {
                    /** @constant */
                    kind: "chosen";
                } | {
                    /** @constant */
                    kind: "same_as";
                    state: string;
                };
                approval?: {
                    approvers: {
                        /** @constant */
                        kind: "role";
                        /** @default false */
                        near: boolean;
                        role: string;
                    } | {
                        /** @constant */
                        kind: "unit";
                        unitId: number;
                    } | {
                        /** @constant */
                        kind: "user";
                        userId: number;
                    } | {
                        /** @constant */
                        kind: "customer_manager";
                    } | {
                        /** @constant */
                        kind: "superior";
                    } | {
                        /** @constant */
                        kind: "chosen";
                    } | {
                        /** @constant */
                        kind: "same_as";
                        state: string;
                    };
                    /**
                     * @default any
                     * @enum {string}
                     */
                    mode: "any" | "all";
                };
                /** @default false */
                final: boolean;
                key: string;
                nameEn: string;
                nameZh: string;
                /** @default false */
                stage: boolean;
                timeLimit?: {
                    hours: number;
                    /**
                     * @default escalate
                     * @enum {string}
                     */
                    onBreach: "remind" | "escalate" | "reassign";
                    reassignTo?: {
                        /** @constant */
                        kind: "role";
                        /** @default false */
                        near: boolean;
                        role: string;
                    } | {
                        /** @constant */
                        kind: "unit";
                        unitId: number;
                    } | {
                        /** @constant */
                        kind: "user";
                        userId: number;
                    } | {
                        /** @constant */
                        kind: "customer_manager";
                    } | {
                        /** @constant */
                        kind: "superior";
                    } | {
                        /** @constant */
                        kind: "chosen";
                    } | {
                        /** @constant */
                        kind: "same_as";
                        state: string;
                    };
                    remindBeforeHours?: number;
                };
            };
            stateEnteredAt: unknown;
            states: {
                final: boolean;
                key: string;
                nameEn: string;
                nameZh: string;
                stage: boolean;
            }[];
            /** @enum {string} */
            status: "open" | "closed";
            steps: {
                actorId: number | null;
                /** @description user, system or customer */
                actorKind: string;
                actorName: string | null;
                at: unknown;
                attachments: {
                    name: string;
                    url: string;
                }[];
                comment: string | null;
                /** @description The step's form values */
                data: {
                    [key: string]: unknown;
                };
                fromState: string | null;
                seq: number;
                toState: string;
                /** @description The transition's key, or start, claim, escalate, reassign */
                transition: string;
                transitionNameEn: string | null;
                transitionNameZh: string | null;
            }[];
            subjectId: number;
            subjectType: string;
            title: string;
            /** @description The case's values (the subject's and its steps' form values) */
            vars: {
                [key: string]: unknown;
            };
        };
        ProcessVersion: {
            definition: {
                initial: string;
                states: {
                    actor?: {
                        /** @constant */
                        kind: "role";
                        /** @default false */
                        near: boolean;
                        role: string;
                    } | {
                        /** @constant */
                        kind: "unit";
                        unitId: number;
                    } | {
                        /** @constant */
                        kind: "user";
                        userId: number;
                    } | {
                        /** @constant */
                        kind: "customer_manager";
                    } | {
                        /** @constant */
                        kind: "superior";
                    } | {
                        /** @constant */
                        kind: "chosen";
                    } | {
                        /** @constant */
                        kind: "same_as";
                        state: string;
                    };
                    approval?: {
                        approvers: {
                            /** @constant */
                            kind: "role";
                            /** @default false */
                            near: boolean;
                            role: string;
                        } | {
                            /** @constant */
                            kind: "unit";
                            unitId: number;
                        } | {
                            /** @constant */
                            kind: "user";
                            userId: number;
                        } | {
                            /** @constant */
                            kind: "customer_manager";
                        } | {
                            /** @constant */
                            kind: "superior";
                        } | {
                            /** @constant */
                            kind: "chosen";
                        } | {
                            /** @constant */
                            kind: "same_as";
                            state: string;
                        };
                        /**
                         * @default any
                         * @enum {string}
                         */
                        mode: "any" | "all";
                    };
                    /** @default false */
                    final: boolean;
                    key: string;
                    nameEn: string;
                    nameZh: string;
                    /** @default false */
                    stage: boolean;
                    timeLimit?: {
                        hours: number;
                        /**
                         * @default escalate
                         * @enum {string}
                         */
                        onBreach: "remind" | "escalate" | "reassign";
                        reassignTo?: {
                            /** @constant */
                            kind: "role";
                            /** @default false */
                            near: boolean;
                            role: string;
                        } | {
                            /** @constant */
                            kind: "unit";
                            unitId: number;
                        } | {
                            /** @constant */
                            kind: "user";
                            userId: number;
                        } | {
                            /** @constant */
                            kind: "customer_manager";
                        } | {
                            /** @constant */
                            kind: "superior";
                        } | {
                            /** @constant */
                            kind: "chosen";
                        } | {
                            /** @constant */
                            kind: "same_as";
                            state: string;
                        };
                        remindBeforeHours?: number;
                    };
                }[];
                transitions: {
                    /** @default false */
                    commentRequired: boolean;
                    /** @enum {string} */
                    effect?: "first_response" | "resolve" | "reopen" | "close";
                    /** @default [] */
                    form: {
                        key: string;
                        /** @default false */
                        required: boolean;
                        /**
                         * @default text
                         * @enum {string}
                         */
                        type: "text" | "number" | "score";
                    }[];
                    from: string;
                    /** @default [] */
                    guards: {
                        /** @enum {string} */
                        op: "eq" | "ne" | "lt" | "lte" | "gt" | "gte" | "present" | "absent";
                        value?: string | number | boolean;
                        var: string;
                    }[];
                    key: string;
                    nameEn: string;
                    nameZh: string;
                    signal?: string;
                    to: string;
                    /**
                     * @default user
                     * @enum {string}
                     */
                    trigger: "user" | "approved" | "rejected" | "timeout" | "signal";
                }[];
            };
            id: number;
            key: string;
            nameEn: string;
            nameZh: string;
            version: number;
        };
        ProcessVersionInput: {
            definition: {
                initial: string;
                states: {
                    actor?: {
                        /** @constant */
                        kind: "role";
                        /** @default false */
                        near: boolean;
                        role: string;
                    } | {
                        /** @constant */
                        kind: "unit";
                        unitId: number;
                    } | {
                        /** @constant */
                        kind: "user";
                        userId: number;
                    } | {
                        /** @constant */
                        kind: "customer_manager";
                    } | {
                        /** @constant */
                        kind: "superior";
                    } | {
                        /** @constant */
                        kind: "chosen";
                    } | {
                        /** @constant */
                        kind: "same_as";
                        state: string;
                    };
                    approval?: {
                        approvers: {
                            /** @constant */
                            kind: "role";
                            /** @default false */
                            near: boolean;
                            role: string;
                        } | {
                            /** @constant */
                            kind: "unit";
                            unitId: number;
                        } | {
                            /** @constant */
                            kind: "user";
                            userId: number;
                        } | {
                            /** @constant */
                            kind: "customer_manager";
                        } | {
                            /** @constant */
                            kind: "superior";
                        } | {
                            /** @constant */
                            kind: "chosen";
                        } | {
                            /** @constant */
                            kind: "same_as";
                            state: string;
                        };
                        /**
                         * @default any
                         * @enum {string}
                         */
                        mode: "any" | "all";
                    };
                    /** @default false */
                    final: boolean;
                    key: string;
                    nameEn: string;
                    nameZh: string;
                    /** @default false */
                    stage: boolean;
                    timeLimit?: {
                        hours: number;
                        /**
                         * @default escalate
                         * @enum {string}
                         */
                        onBreach: "remind" | "escalate" | "reassign";
                        reassignTo?: {
                            /** @constant */
                            kind: "role";
                            /** @default false */
                            near: boolean;
                            role: string;
                        } | {
                            /** @constant */
                            kind: "unit";
                            unitId: number;
                        } | {
                            /** @constant */
                            kind: "user";
                            userId: number;
                        } | {
                            /** @constant */
                            kind: "customer_manager";
                        } | {
                            /** @constant */
                            kind: "superior";
                        } | {
                            /** @constant */
                            kind: "chosen";
                        } | {
                            /** @constant */
                            kind: "same_as";
                            state: string;
                        };
                        remindBeforeHours?: number;
                    };
                }[];
                transitions: {
                    /** @default false */
                    commentRequired: boolean;
                    /** @enum {string} */
                    effect?: "first_response" | "resolve" | "reopen" | "close";
                    /** @default [] */
                    form: {
                        key: string;
                        /** @default false */
                        required: boolean;
                        /**
                         * @default text
                         * @enum {string}
                         */
                        type: "text" | "number" | "score";
                    }[];
                    from: string;
                    /** @default [] */
                    guards: {
                        /** @enum {string} */
                        op: "eq" | "ne" | "lt" | "lte" | "gt" | "gte" | "present" | "absent";
                        value?: string | number | boolean;
                        var: string;
                    }[];
                    key: string;
                    nameEn: string;
                    nameZh: string;
                    signal?: string;
                    to: string;
                    /**
                     * @default user
                     * @enum {string}
                     */
                    trigger: "user" | "approved" | "rejected" | "timeout" | "signal";
                }[];
            };
            id: number;
            key: string;
            nameEn: string;
            nameZh: string;
            version: number;
        };
        QuarantinedRow: {
            /** Format: date-time */
            createdAt: string;
            customerCode: string | null;
            customerExternalId: string | null;
            /** @description The account number (masked as in values) or transaction id */
            externalId: string | null;
            id: number;
            /** @description The values shown masked for you, by your roles' field rules as on the customer's page: account numbers (holdings' externalId, transactions' holdingExternalId: ****2642) follow the rule for the ID number; idNumber, mobile, contact.mobile, custom.<key> … their own. Fields your roles hide are left out */
            masked: string[];
            /** @description The reason in your language */
            message: string;
            reason: string;
            resolvedAt: string | null;
            /** @description The reprocess run that loaded it */
            resolvedRunId: number | null;
            /** @description The row of the file it came from */
            rowNo: number;
            runId: number;
            sourceSystem: string;
            /** @enum {string} */
            status: "open" | "resolved";
            target: string;
            /** @description The row as it will be stored */
            values: {
                [key: string]: unknown;
            };
        };
        QuarantinedRowInput: {
            createdAt: unknown;
            customerCode: string | null;
            customerExternalId: string | null;
            /** @description The account number (masked as in values) or transaction id */
            externalId: string | null;
            id: number;
            /** @description The values shown masked for you, by your roles' field rules as on the customer's page: account numbers (holdings' externalId, transactions' holdingExternalId: ****2642) follow the rule for the ID number; idNumber, mobile, contact.mobile, custom.<key> … their own. Fields your roles hide are left out */
            masked: string[];
            /** @description The reason in your language */
            message: string;
            reason: string;
            resolvedAt: unknown | null;
            /** @description The reprocess run that loaded it */
            resolvedRunId: number | null;
            /** @description The row of the file it came from */
            rowNo: number;
            runId: number;
            sourceSystem: string;
            /** @enum {string} */
            status: "open" | "resolved";
            target: string;
            /** @description The row as it will be stored */
            values: {
                [key: string]: unknown;
            };
        };
        Role: {
            builtin: boolean;
            /** @enum {string} */
            dataScope: "own" | "own_and_subordinates" | "unit" | "unit_and_below" | "all";
            fieldRules: {
                [key: string]: "hidden" | "read" | "edit" | "masked" | "masked_in_lists";
            };
            id: number;
            key: string;
            nameEn: string;
            nameZh: string;
            permissions: string[];
        };
        RoleInput: {
            builtin: boolean;
            /** @enum {string} */
            dataScope: "own" | "own_and_subordinates" | "unit" | "unit_and_below" | "all";
            fieldRules: {
                [key: string]: "hidden" | "read" | "edit" | "masked" | "masked_in_lists";
            };
            id: number;
            key: string;
            nameEn: string;
            nameZh: string;
            permissions: string[];
        };
        SavedImportSource: {
            attempt: number;
            config: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            createdAt: string;
            cron: string;
            enabled: boolean;
            id: number;
            kind: string;
            lastError: string | null;
            lastRunAt: string | null;
            lastStatus: string | null;
            mapping: {
                [key: string]: string;
            };
            maxRetries: number;
            name: string;
            nextRunAt: string | null;
            policy: string;
            sourceSystem: string;
            target: string;
            timeZone: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description Saved, but the source should know: e.g. 'IMPORT_SOURCE_FOLDER_NOT_YET', its folder does not exist yet and its runs fail until it is created */
            warnings: {
                code: string;
                field: string;
                message: string;
            }[];
            watermark: string | null;
        };
        SavedImportSourceInput: {
            attempt: number;
            config: {
                [key: string]: unknown;
            };
            createdAt: unknown;
            cron: string;
            enabled: boolean;
            id: number;
            kind: string;
            lastError: string | null;
            lastRunAt: unknown | null;
            lastStatus: string | null;
            mapping: {
                [key: string]: string;
            };
            maxRetries: number;
            name: string;
            nextRunAt: unknown | null;
            policy: string;
            sourceSystem: string;
            target: string;
            timeZone: string;
            updatedAt: unknown;
            /** @description Saved, but the source should know: e.g. 'IMPORT_SOURCE_FOLDER_NOT_YET', its folder does not exist yet and its runs fail until it is created */
            warnings: {
                code: string;
                field: string;
                message: string;
            }[];
            watermark: string | null;
        };
        SavedView: {
            /** Format: date-time */
            createdAt: string;
            id: number;
            isDefault: boolean;
            name: string;
            page: string;
            state: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            updatedAt: string;
        };
        SavedViewInput: {
            createdAt: unknown;
            id: number;
            isDefault: boolean;
            name: string;
            page: string;
            state: {
                [key: string]: unknown;
            };
            updatedAt: unknown;
        };
        Segment: {
            computedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            description: string | null;
            id: number;
            /** @enum {string} */
            kind: "dynamic" | "static";
            /** @description All members */
            memberCount: number;
            nameEn: string | null;
            nameZh: string;
            ownerId: number | null;
            rule: unknown | null;
            sourceSegmentId: number | null;
            /** Format: date-time */
            updatedAt: string;
            /** @description Members inside your data scope */
            visibleCount: number;
        };
        SegmentInput: {
            computedAt: unknown | null;
            createdAt: unknown;
            description: string | null;
            id: number;
            /** @enum {string} */
            kind: "dynamic" | "static";
            /** @description All members */
            memberCount: number;
            nameEn: string | null;
            nameZh: string;
            ownerId: number | null;
            rule: unknown | null;
            sourceSegmentId: number | null;
            updatedAt: unknown;
            /** @description Members inside your data scope */
            visibleCount: number;
        };
        Tag: {
            active: boolean;
            categoryId: number | null;
            computedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            description: string | null;
            id: number;
            key: string;
            /** @enum {string} */
            kind: "manual" | "rule" | "imported";
            memberCount: number;
            nameEn: string | null;
            nameZh: string;
            ownerId: number | null;
            rule: unknown | null;
            /** Format: date-time */
            updatedAt: string;
        };
        TagCategory: {
            id: number;
            nameEn: string | null;
            nameZh: string;
            parentId: number | null;
            sort: number;
            tagCount: number;
        };
        TagCategoryInput: {
            id: number;
            nameEn: string | null;
            nameZh: string;
            parentId: number | null;
            sort: number;
            tagCount: number;
        };
        TagInput: {
            active: boolean;
            categoryId: number | null;
            computedAt: unknown | null;
            createdAt: unknown;
            description: string | null;
            id: number;
            key: string;
            /** @enum {string} */
            kind: "manual" | "rule" | "imported";
            memberCount: number;
            nameEn: string | null;
            nameZh: string;
            ownerId: number | null;
            rule: unknown | null;
            updatedAt: unknown;
        };
        /** @description AND (all) / OR (any) / NOT over attributes, holdings, transactions in a window, and tags */
        TagRule: {
            all: components["schemas"]["TagRule"][];
        } | {
            any: components["schemas"]["TagRule"][];
        } | {
            not: components["schemas"]["TagRule"];
        } | {
            /** @description A customer attribute, or 'custom.<key>' for a custom field */
            field: ("kind" | "gender" | "status" | "idType" | "provinceCode" | "cityCode" | "districtCode" | "industry" | "size" | "sourceChannel" | "orgUnitId" | "ownerId" | "age" | "customerYears" | "birthDate" | "createdAt" | "valueTier" | "rfmSegment" | "rfmR" | "rfmF" | "rfmM" | "contribution" | "paretoCore" | "lifecycle" | "matrixTier" | "customerClass" | "vip" | "clv") | string;
            /** @enum {string} */
            op: "eq" | "ne" | "in" | "not_in" | "gt" | "gte" | "lt" | "lte" | "between" | "is_null" | "not_null";
            value?: (string | number) | (string | number)[];
        } | {
            holdings: {
                kind?: string[];
                productCode?: string[];
                /** @description default: active */
                status?: ("active" | "dormant" | "closed")[];
            };
            /**
             * @description count of matching holdings, or the sum of their balances / limits in yuan
             * @default count
             * @enum {string}
             */
            measure: "count" | "balance" | "creditLimit";
            /**
             * @default gte
             * @enum {string}
             */
            op: "gt" | "gte" | "lt" | "lte" | "eq";
            /** @default 1 */
            value: number;
        } | {
            /**
             * @description how many, their total amount in yuan, or the largest
             * @default count
             * @enum {string}
             */
            measure: "count" | "sum" | "max";
            /**
             * @default gte
             * @enum {string}
             */
            op: "gt" | "gte" | "lt" | "lte" | "eq";
            transactions: {
                category?: string[];
                channel?: string[];
                /** @enum {string} */
                direction?: "debit" | "credit";
                productCode?: string[];
                withinDays: number;
            };
            /** @default 1 */
            value: number;
        } | {
            /** @default true */
            has: boolean;
            tag: string;
        };
        /** @description AND (all) / OR (any) / NOT over attributes, holdings, transactions in a window, and tags */
        TagRuleInput: {
            all: components["schemas"]["TagRuleInput"][];
        } | {
            any: components["schemas"]["TagRuleInput"][];
        } | {
            not: components["schemas"]["TagRuleInput"];
        } | {
            /** @description A customer attribute, or 'custom.<key>' for a custom field */
            field: ("kind" | "gender" | "status" | "idType" | "provinceCode" | "cityCode" | "districtCode" | "industry" | "size" | "sourceChannel" | "orgUnitId" | "ownerId" | "age" | "customerYears" | "birthDate" | "createdAt" | "valueTier" | "rfmSegment" | "rfmR" | "rfmF" | "rfmM" | "contribution" | "paretoCore" | "lifecycle" | "matrixTier" | "customerClass" | "vip" | "clv") | string;
            /** @enum {string} */
            op: "eq" | "ne" | "in" | "not_in" | "gt" | "gte" | "lt" | "lte" | "between" | "is_null" | "not_null";
            value?: (string | number) | (string | number)[];
        } | {
            holdings: {
                kind?: string[];
                productCode?: string[];
                /** @description default: active */
                status?: ("active" | "dormant" | "closed")[];
            };
            /**
             * @description count of matching holdings, or the sum of their balances / limits in yuan
             * @default count
             * @enum {string}
             */
            measure: "count" | "balance" | "creditLimit";
            /**
             * @default gte
             * @enum {string}
             */
            op: "gt" | "gte" | "lt" | "lte" | "eq";
            /** @default 1 */
            value: number;
        } | {
            /**
             * @description how many, their total amount in yuan, or the largest
             * @default count
             * @enum {string}
             */
            measure: "count" | "sum" | "max";
            /**
             * @default gte
             * @enum {string}
             */
            op: "gt" | "gte" | "lt" | "lte" | "eq";
            transactions: {
                category?: string[];
                channel?: string[];
                /** @enum {string} */
                direction?: "debit" | "credit";
                productCode?: string[];
                withinDays: number;
            };
            /** @default 1 */
            value: number;
        } | {
            /** @default true */
            has: boolean;
            tag: string;
        };
        Ticket: {
            assigneeName: string | null;
            assigneeRole: string | null;
            assigneeUnitId: number | null;
            assigneeUserId: number | null;
            caseId: number;
            categoryId: number | null;
            categoryNameEn: string | null;
            categoryNameZh: string | null;
            /** @enum {string} */
            channel: "counter" | "phone" | "email" | "web" | "api" | "social";
            chargeCurrency: string;
            closedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            createdBy: number | null;
            createdByName: string | null;
            customerCode: string;
            customerId: number;
            customerName: string;
            definitionId: number;
            /** @description The unit it was last handed to */
            departmentId: number | null;
            departmentNameEn: string | null;
            departmentNameZh: string | null;
            description: string;
            escalated: boolean;
            firstResponseAt: string | null;
            holdingId: number | null;
            id: number;
            /** @description TK + date + sequence, e.g. TK20260105000042 */
            number: string;
            /** @description The customer's org unit */
            orgUnitId: number;
            /** @description The customer's manager */
            ownerId: number | null;
            /** @enum {string} */
            priority: "low" | "normal" | "high" | "urgent";
            processKey: string;
            relatedKind: string | null;
            relatedRef: string | null;
            reopenCount: number;
            resolution: string | null;
            resolvedAt: string | null;
            /** @description The latest return visit score, 1–5 */
            satisfaction: number | null;
            /** @description The case's seq; send it back as expectedSeq */
            seq: number;
            /** @description A decimal amount as a string, e.g. 200.00 */
            serviceCharge: string | null;
            serviceContent: string | null;
            /** @description Resolved after its SLA deadline, or still open past it */
            slaBreached: boolean;
            /** Format: date-time */
            slaDueAt: string;
            solution: string | null;
            state: string;
            /** @description The current state's time limit */
            stateDueAt: string | null;
            stateNameEn: string;
            stateNameZh: string;
            /** @enum {string} */
            status: "open" | "closed";
            subject: string;
            /** @enum {string} */
            type: "complaint" | "suggestion" | "request" | "inquiry";
            /** Format: date-time */
            updatedAt: string;
        };
        TicketInput: {
            assigneeName: string | null;
            assigneeRole: string | null;
            assigneeUnitId: number | null;
            assigneeUserId: number | null;
            caseId: number;
            categoryId: number | null;
            categoryNameEn: string | null;
            categoryNameZh: string | null;
            /** @enum {string} */
            channel: "counter" | "phone" | "email" | "web" | "api" | "social";
            chargeCurrency: string;
            closedAt: unknown | null;
            createdAt: unknown;
            createdBy: number | null;
            createdByName: string | null;
            customerCode: string;
            customerId: number;
            customerName: string;
            definitionId: number;
            /** @description The unit it was last handed to */
            departmentId: number | null;
            departmentNameEn: string | null;
            departmentNameZh: string | null;
            description: string;
            escalated: boolean;
            firstResponseAt: unknown | null;
            holdingId: number | null;
            id: number;
            /** @description TK + date + sequence, e.g. TK20260105000042 */
            number: string;
            /** @description The customer's org unit */
            orgUnitId: number;
            /** @description The customer's manager */
            ownerId: number | null;
            /** @enum {string} */
            priority: "low" | "normal" | "high" | "urgent";
            processKey: string;
            relatedKind: string | null;
            relatedRef: string | null;
            reopenCount: number;
            resolution: string | null;
            resolvedAt: unknown | null;
            /** @description The latest return visit score, 1–5 */
            satisfaction: number | null;
            /** @description The case's seq; send it back as expectedSeq */
            seq: number;
            /** @description A decimal amount as a string, e.g. 200.00 */
            serviceCharge: string | null;
            serviceContent: string | null;
            /** @description Resolved after its SLA deadline, or still open past it */
            slaBreached: boolean;
            slaDueAt: unknown;
            solution: string | null;
            state: string;
            /** @description The current state's time limit */
            stateDueAt: unknown | null;
            stateNameEn: string;
            stateNameZh: string;
            /** @enum {string} */
            status: "open" | "closed";
            subject: string;
            /** @enum {string} */
            type: "complaint" | "suggestion" | "request" | "inquiry";
            updatedAt: unknown;
        };
        Transaction: {
            /** @description The account or card number of the holding it was booked on; masked as the holding's */
            accountNumber: string | null;
            /** @description Decimal string, exact, never negative: see direction */
            amount: string;
            category: string | null;
            channel: string | null;
            currency: string;
            customerId: number;
            description: string | null;
            /** @enum {string} */
            direction: "debit" | "credit";
            externalId: string;
            holdingId: number | null;
            id: number;
            /** @description ['accountNumber'] when the account number is shown masked */
            masked: string[];
            merchant: string | null;
            /** Format: date-time */
            occurredAt: string;
            productCode: string | null;
            sourceSystem: string;
        };
        TransactionInput: {
            /** @description The account or card number of the holding it was booked on; masked as the holding's */
            accountNumber: string | null;
            /** @description Decimal string, exact, never negative: see direction */
            amount: string;
            category: string | null;
            channel: string | null;
            currency: string;
            customerId: number;
            description: string | null;
            /** @enum {string} */
            direction: "debit" | "credit";
            externalId: string;
            holdingId: number | null;
            id: number;
            /** @description ['accountNumber'] when the account number is shown masked */
            masked: string[];
            merchant: string | null;
            occurredAt: unknown;
            productCode: string | null;
            sourceSystem: string;
        };
        User: {
            /** Format: date-time */
            createdAt: string;
            displayName: string;
            email: string | null;
            id: number;
            locale: string;
            lockedUntil: string | null;
            managerId: number | null;
            mustChangePassword: boolean;
            orgUnitId: number;
            roleKeys: string[];
            status: string;
            /** Format: date-time */
            updatedAt: string;
            username: string;
        };
        UserInput: {
            createdAt: unknown;
            displayName: string;
            email: string | null;
            id: number;
            locale: string;
            lockedUntil: unknown | null;
            managerId: number | null;
            mustChangePassword: boolean;
            orgUnitId: number;
            roleKeys: string[];
            status: string;
            updatedAt: unknown;
            username: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
};
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
