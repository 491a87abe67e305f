import type { Db, Queryable } from '#platform/db/db.ts';
import { can, inScope, type Actor } from '#platform/auth/actor.ts';
import { AppError, invalid, invalidField, notFound, type FieldError } from '#platform/errors.ts';
import { settings } from '#platform/settings.ts';
import { t } from '#platform/i18n/index.ts';
import { maskName, parseMobile } from '#lib/cn/index.ts';
import { recordAudit } from '#modules/audit/audit.service.ts';
import { coerce, type CustomFieldsService } from '#modules/custom-fields/custom-fields.service.ts';
import type { OrgUnitsService, UsersService } from '#modules/identity/identity.service.ts';
import type { EventBus } from '#platform/events.ts';
import type { CustomerCreateBody, CustomerDto, CustomerListQuery, CustomerUpdateBody, ContactDto, ContactInput } from './customers.dto.ts';
import { customersRepository, type CustomerRow, type CustomerValues, type ListFilter, type SortField } from './customers.repository.ts';
import { activitiesRepository, contactsRepository, mergesRepository } from './contacts.repository.ts';
import { mergeMoves } from './merge-moves.ts';
import { canWriteField, normalizeContact, normalizeCustomer, type CustomerFields } from './customer-input.ts';
import { presentContact, presentCustomer } from './customer.presenter.ts';
import { containsPattern, queryGrams, searchForm } from './name-grams.ts';
import { formatCode, DEFAULT_CODE_PATTERN, CODE_PATTERN_SETTING } from './customer-code.ts';

const PROTECTED_INPUTS = ['idNumber', 'mobile', 'phone', 'email', 'birthDate', 'address'] as const;
const notFoundError = () => notFound('CUSTOMER_NOT_FOUND', 'customer.not_found');

/** Fields a merge can take from either side. */
const MERGEABLE: (keyof CustomerFields)[] = [
  'name', 'nameEn', 'gender', 'birthDate', 'idType', 'idNumber', 'mobile', 'phone', 'email', 'provinceCode', 'cityCode',
  'districtCode', 'address', 'postalCode', 'industry', 'size', 'status', 'sourceChannel',
];

/**
 * The single customer view: every read and write goes through the actor's scope (a record
 * outside it is "not found", so its existence does not leak), field rules, the duplicate check
 * and the audit trail, each command in one transaction.
 */
export class CustomersService {
  constructor(
    private readonly db: Db,
    private readonly deps: { customFields: CustomFieldsService; orgUnits: OrgUnitsService; users: UsersService; events?: EventBus },
  ) {}

  /** Tells other modules (rule tags, segments…) after the commit. */
  private changed(...customerIds: number[]): void {
    this.deps.events?.emit('customers.changed', { customerIds });
  }

  /** `includeDeleted`: a deleted customer too, for those who may restore it (to see what they restore). */
  async get(actor: Actor, id: number, includeDeleted = false): Promise<CustomerDto> {
    const row = await customersRepository.findWithContacts(this.db, actor.scope, id);
    if (!row) {
      const deleted = includeDeleted && can(actor, 'customer:restore') ? await customersRepository.findById(this.db, actor.scope, id, { includeDeleted: true }) : undefined;
      if (!deleted?.deletedAt) throw notFoundError();
      return presentCustomer(deleted, actor, 'detail', await contactsRepository.forCustomer(this.db, id));
    }
    return presentWithContacts(row, actor);
  }

  async getByCode(actor: Actor, code: string): Promise<CustomerDto> {
    const row = await customersRepository.findByCode(this.db, actor.scope, code.trim().toUpperCase());
    if (!row) throw notFoundError();
    return presentCustomer(row, actor, 'detail', await contactsRepository.forCustomer(this.db, row.id));
  }

  async create(actor: Actor, body: CustomerCreateBody): Promise<CustomerDto> {
    const errors: FieldError[] = [];
    this.checkWritable(actor, body, errors);
    const { orgUnitId, ownerId } = await this.placement(actor, body, errors);
    const custom = await this.deps.customFields.validate(body.custom ?? {}, true);
    const { values, errors: fieldErrors } = normalizeCustomer(body, { orgUnitId, ownerId, custom });
    const contacts = (body.contacts ?? []).map((c, i) => normalizeContact(c, `body.contacts.${i}`));
    errors.push(...fieldErrors, ...contacts.flatMap((c) => c.errors));
    if (contacts.filter((c) => c.values.isPrimary).length > 1) errors.push({ field: 'body.contacts', message: 'field.invalid' });
    if (errors.length) throw invalid(errors);
    if (!inScope(actor.scope, { orgUnitId, ownerId })) throw invalidField('body.ownerId', 'field.owner_out_of_scope');

    await this.rejectDuplicates(actor, values, null, body.allowDuplicate ?? false);
    const id = await this.db.transaction(async (tx) => {
      const code = await this.nextCode(tx, values);
      const newId = await customersRepository.insert(tx, code, values, actor.userId);
      const primaryGiven = contacts.some((c) => c.values.isPrimary);
      for (const [i, c] of contacts.entries()) {
        await contactsRepository.insert(tx, newId, { ...c.values, isPrimary: c.values.isPrimary || (!primaryGiven && i === 0) });
      }
      const created = await customersRepository.findById(tx, { kind: 'all' }, newId);
      await recordAudit(tx, actor, { action: 'create', entity: 'customer', entityId: newId, after: auditable(created!) });
      return newId;
    });
    this.changed(id);
    return this.get(actor, id);
  }

  async update(actor: Actor, id: number, body: CustomerUpdateBody): Promise<CustomerDto> {
    const errors: FieldError[] = [];
    this.checkWritable(actor, body, errors);
    if (errors.length) throw invalid(errors);
    const { version, custom: customPatch, ...patch } = body;
    const customValues = customPatch ? await this.deps.customFields.validate(customPatch, false) : {};
    await this.db.transaction(async (tx) => {
      const before = await customersRepository.findById(tx, actor.scope, id, { forUpdate: true });
      if (!before) throw notFoundError();
      if (version !== undefined && version !== before.version) {
        throw new AppError('CONFLICT', 'VERSION_CONFLICT', 'customer.version_conflict', { extra: { currentVersion: before.version } });
      }
      const custom = { ...before.custom, ...customValues };
      for (const [k, v] of Object.entries(customPatch ?? {})) if (v === null || v === '') delete custom[k];
      const merged = { ...fieldsOf(before), ...patch, kind: before.kind, name: patch.name ?? before.name };
      const { values, errors: fieldErrors } = normalizeCustomer(merged, { orgUnitId: before.orgUnitId, ownerId: before.ownerId, custom });
      if (fieldErrors.length) throw invalid(fieldErrors);
      if (values.idNumber && values.idNumber !== before.idNumber) await this.rejectDuplicates(actor, values, id, true, tx);
      await customersRepository.update(tx, id, values, actor.userId);
      const after = await customersRepository.findById(tx, { kind: 'all' }, id);
      await recordAudit(tx, actor, { action: 'update', entity: 'customer', entityId: id, before: auditable(before), after: auditable(after!) });
    });
    this.changed(id);
    return this.get(actor, id);
  }

  async delete(actor: Actor, id: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      const before = await customersRepository.findById(tx, actor.scope, id, { forUpdate: true });
      if (!before) throw notFoundError();
      await customersRepository.softDelete(tx, id, actor.userId);
      await recordAudit(tx, actor, { action: 'delete', entity: 'customer', entityId: id, before: auditable(before) });
    });
    this.changed(id);
  }

  async restore(actor: Actor, id: number): Promise<CustomerDto> {
    await this.db.transaction(async (tx) => {
      const before = await customersRepository.findById(tx, actor.scope, id, { includeDeleted: true, forUpdate: true });
      if (!before) throw notFoundError();
      if (!before.deletedAt) throw new AppError('CONFLICT', 'CUSTOMER_NOT_DELETED', 'customer.not_deleted');
      await customersRepository.restore(tx, id, actor.userId);
      await recordAudit(tx, actor, { action: 'restore', entity: 'customer', entityId: id, before: auditable(before) });
    });
    this.changed(id);
    return this.get(actor, id);
  }

  /** One page of customers, keyset-paginated, with an exact or estimated total. */
  async list(actor: Actor, query: CustomerListQuery) {
    const filter = await this.filterFrom(actor, query);
    const [field, desc] = query.sort.startsWith('-') ? [query.sort.slice(1), true] : [query.sort, false];
    const sort = { field: field as SortField, desc };
    const after = query.cursor ? decodeCursor(query.cursor, sort.field) : undefined;
    const rows = await customersRepository.list(this.db, actor.scope, filter, sort, after, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > query.limit && last ? encodeCursor(sortValue(last, sort.field), last.id) : null;
    const { total, estimate } = await customersRepository.count(this.db, actor.scope, filter);
    return { items: page.map((r) => presentCustomer(r, actor, 'list')), nextCursor, total, totalIsEstimate: estimate };
  }

  /** Every customer of a filter, in pages, in the list's order, for exports; the caller audits the export. */
  async *exportRows(actor: Actor, query: CustomerListQuery): AsyncGenerator<CustomerDto[]> {
    const filter = await this.filterFrom(actor, query);
    const [field, desc] = query.sort.startsWith('-') ? [query.sort.slice(1), true] : [query.sort, false];
    const sort = { field: field as SortField, desc };
    let after: { value: unknown; id: number } | undefined;
    for (;;) {
      const rows = await customersRepository.list(this.db, actor.scope, filter, sort, after, 1000);
      if (rows.length === 0) return;
      yield rows.map((r) => presentCustomer(r, actor, 'list'));
      const last = rows[rows.length - 1]!;
      after = { value: sortValue(last, sort.field), id: last.id };
    }
  }

  /**
   * Finds existing customers with the same ID number, mobile, email or (organisations) normalised
   * name, across all branches. Matches outside the actor's scope say only "held by another branch"
   * with a masked name, so two managers never chase one client and nothing leaks.
   */
  async duplicateCheck(actor: Actor, input: { kind: 'individual' | 'organization'; name?: string | null; idType?: string | null; idNumber?: string | null; mobile?: string | null; email?: string | null; excludeId?: number }) {
    const { values } = normalizeCustomer({ ...input, name: input.name ?? '' }, { orgUnitId: 0, ownerId: null, custom: {} });
    return { matches: await this.findDuplicates(actor, values, input.excludeId ?? null, this.db) };
  }

  async merge(actor: Actor, targetId: number, sourceId: number, take: Record<string, 'target' | 'source'> = {}): Promise<CustomerDto> {
    if (targetId === sourceId) throw invalidField('body.sourceId', 'customer.merge_self');
    for (const key of Object.keys(take)) {
      if (!(MERGEABLE as string[]).includes(key)) throw invalidField(`body.take.${key}`, 'field.unknown');
      if (!canWriteField(actor, key) && take[key] === 'source') throw invalidField(`body.take.${key}`, 'field.not_editable');
    }
    await this.db.transaction(async (tx) => {
      const target = await customersRepository.findById(tx, actor.scope, targetId, { forUpdate: true });
      const source = await customersRepository.findById(tx, actor.scope, sourceId, { forUpdate: true });
      if (!target) throw notFoundError();
      if (!source) throw new AppError('NOT_FOUND', 'CUSTOMER_NOT_FOUND', 'customer.not_found', { fields: [{ field: 'body.sourceId', message: 'customer.not_found' }] });
      const fields = fieldsOf(target) as Record<string, unknown>;
      const sourceFields = fieldsOf(source) as Record<string, unknown>;
      for (const key of MERGEABLE) {
        const choice = take[key] ?? (fields[key] === null || fields[key] === undefined ? 'source' : 'target');
        if (choice === 'source' && sourceFields[key] !== null && sourceFields[key] !== undefined) fields[key] = sourceFields[key];
      }
      const custom = { ...source.custom, ...target.custom };
      const { values, errors } = normalizeCustomer(
        { ...(fields as CustomerFields), kind: target.kind, name: String(fields.name) },
        { orgUnitId: target.orgUnitId, ownerId: target.ownerId, custom },
      );
      if (errors.length) throw invalid(errors);
      const contactIds = await contactsRepository.moveAll(tx, sourceId, targetId);
      const activityIds = await activitiesRepository.moveAll(tx, sourceId, targetId);
      // Everything else that is the person's: accounts, tickets, receivables, his ids in the
      // source systems (the next import finds the target), tags staff gave him. Computed state
      // (value, segments, rule tags, credit score) follows through changed() below; credit
      // limits and adjustments stay with the record they were approved for.
      const moved = await mergeMoves.moveAll(tx, sourceId, targetId, actor.userId);
      await customersRepository.update(tx, targetId, values, actor.userId);
      await customersRepository.softDelete(tx, sourceId, actor.userId, targetId);
      const mergeId = await mergesRepository.insert(tx, {
        targetId,
        sourceId,
        actorId: actor.userId,
        snapshot: { target: auditable(target), source: auditable(source), contactIds, activityIds, ...moved },
      });
      // Transactions are recorded under the merge's id (see merge-moves.ts), so they move once it exists.
      const transactions = await mergeMoves.moveTransactions(tx, mergeId, sourceId, targetId);
      const after = await customersRepository.findById(tx, { kind: 'all' }, targetId);
      await recordAudit(tx, actor, {
        action: 'merge',
        entity: 'customer',
        entityId: targetId,
        before: { target: auditable(target), source: auditable(source) },
        after: {
          mergeId,
          target: auditable(after!),
          moved: {
            contacts: contactIds.length,
            activities: activityIds.length,
            holdings: moved.holdingIds.length,
            transactions,
            tickets: moved.ticketIds.length,
            receivables: moved.receivableIds.length,
            externalIds: moved.externalIds.length,
            tags: moved.tagIds.length,
          },
        },
      });
    });
    this.changed(targetId, sourceId);
    return this.get(actor, targetId);
  }

  /** Undoes a merge: the target gets its old values back, everything the merge moved returns, the source is restored. */
  async undoMerge(actor: Actor, mergeId: number): Promise<CustomerDto> {
    const merge = await this.db.transaction(async (tx) => {
      const merge = await mergesRepository.byId(tx, mergeId, true);
      if (!merge) throw notFound('MERGE_NOT_FOUND', 'merge.not_found');
      const target = await customersRepository.findById(tx, actor.scope, merge.targetId, { forUpdate: true, includeDeleted: true });
      if (!target) throw notFound('MERGE_NOT_FOUND', 'merge.not_found');
      if (merge.undoneAt) throw new AppError('CONFLICT', 'MERGE_ALREADY_UNDONE', 'merge.already_undone');
      // Merges are undone newest first: had the target gone into a third customer since, the rows
      // moved back here would have to be taken from that one, and its own undo would misplace them.
      if (target.deletedAt) throw new AppError('CONFLICT', 'MERGE_TARGET_GONE', 'merge.target_gone');
      const old = merge.snapshot.target as unknown as CustomerRow;
      const { values } = normalizeCustomer({ ...fieldsOf(old), kind: old.kind, name: old.name }, { orgUnitId: target.orgUnitId, ownerId: target.ownerId, custom: old.custom });
      await customersRepository.update(tx, merge.targetId, values, actor.userId);
      await contactsRepository.moveBack(tx, merge.snapshot.contactIds, merge.sourceId);
      await activitiesRepository.moveBack(tx, merge.snapshot.activityIds, merge.sourceId);
      await mergeMoves.moveBack(tx, mergeId, merge.snapshot, merge.targetId, merge.sourceId, actor.userId);
      await customersRepository.restore(tx, merge.sourceId, actor.userId);
      await mergesRepository.markUndone(tx, mergeId, actor.userId);
      await recordAudit(tx, actor, { action: 'merge_undo', entity: 'customer', entityId: merge.targetId, after: { mergeId, sourceId: merge.sourceId } });
      return merge;
    });
    this.changed(merge.targetId, merge.sourceId);
    return this.get(actor, merge.targetId);
  }

  async merges(actor: Actor, id: number) {
    const row = await customersRepository.findById(this.db, actor.scope, id, { includeDeleted: true });
    if (!row) throw notFoundError();
    return (await mergesRepository.forCustomer(this.db, id)).map(({ snapshot: _s, ...m }) => m);
  }

  /** Hands a customer to another manager (and his org unit). */
  async transfer(actor: Actor, id: number, input: { ownerId: number; orgUnitId?: number; reason?: string | null }): Promise<CustomerDto> {
    const owner = await this.deps.users.get(actor, input.ownerId).catch(() => {
      throw invalidField('body.ownerId', 'field.owner_out_of_scope');
    });
    const orgUnitId = input.orgUnitId ?? owner.orgUnitId;
    if (!inScope(actor.unitScope, { orgUnitId, ownerId: null })) throw invalidField('body.orgUnitId', 'field.org_unit_out_of_scope');
    await this.db.transaction(async (tx) => {
      const before = await customersRepository.findById(tx, actor.scope, id, { forUpdate: true });
      if (!before) throw notFoundError();
      const { values } = normalizeCustomer({ ...fieldsOf(before), kind: before.kind, name: before.name }, { orgUnitId, ownerId: owner.id, custom: before.custom });
      await customersRepository.update(tx, id, values, actor.userId);
      await recordAudit(tx, actor, {
        action: 'transfer',
        entity: 'customer',
        entityId: id,
        before: { ownerId: before.ownerId, orgUnitId: before.orgUnitId },
        after: { ownerId: owner.id, orgUnitId, reason: input.reason ?? null },
      });
    });
    this.changed(id);
    // The actor may have handed the customer out of his own scope: he is still answered with the
    // record he just handed over, as it now stands.
    return presentWithContacts((await customersRepository.findWithContacts(this.db, { kind: 'all' }, id))!, actor);
  }

  // ---- contacts ----
  async contacts(actor: Actor, customerId: number) {
    await this.requireCustomer(actor, customerId);
    return (await contactsRepository.forCustomer(this.db, customerId)).map((c) => presentContact(c, actor));
  }

  async addContact(actor: Actor, customerId: number, input: ContactInput) {
    const { values, errors } = normalizeContact(input, 'body');
    if (errors.length) throw invalid(errors);
    return this.db.transaction(async (tx) => {
      await this.requireCustomer(actor, customerId, tx);
      const contact = await contactsRepository.insert(tx, customerId, values);
      await recordAudit(tx, actor, { action: 'create', entity: 'contact', entityId: contact.id, after: contact });
      return presentContact(contact, actor);
    });
  }

  async updateContact(actor: Actor, customerId: number, contactId: number, input: ContactInput) {
    return this.db.transaction(async (tx) => {
      await this.requireCustomer(actor, customerId, tx);
      const before = await contactsRepository.byId(tx, customerId, contactId);
      if (!before) throw notFound('CONTACT_NOT_FOUND', 'contact.not_found');
      // A reader who sees a value masked or not at all sends back what he was shown: that keeps the stored value.
      const shown = presentContact(before, actor);
      const kept = { ...input };
      for (const field of ['mobile', 'phone', 'email'] as const) {
        if (shown[field] !== before[field] && (kept[field] === undefined || kept[field] === shown[field])) kept[field] = before[field];
      }
      const { values, errors } = normalizeContact(kept, 'body');
      for (const field of ['mobile', 'phone', 'email'] as const) {
        if (values[field] !== before[field] && !canWriteField(actor, field)) errors.push({ field: `body.${field}`, message: 'field.not_editable' });
      }
      if (errors.length) throw invalid(errors);
      const after = await contactsRepository.update(tx, customerId, contactId, values);
      await recordAudit(tx, actor, { action: 'update', entity: 'contact', entityId: contactId, before, after });
      return presentContact(after, actor);
    });
  }

  async deleteContact(actor: Actor, customerId: number, contactId: number) {
    await this.db.transaction(async (tx) => {
      await this.requireCustomer(actor, customerId, tx);
      const before = await contactsRepository.byId(tx, customerId, contactId);
      if (!before) throw notFound('CONTACT_NOT_FOUND', 'contact.not_found');
      await contactsRepository.softDelete(tx, customerId, contactId);
      await recordAudit(tx, actor, { action: 'delete', entity: 'contact', entityId: contactId, before });
    });
  }

  // ---- notes and activities ----
  async activities(actor: Actor, customerId: number, limit = 50) {
    await this.requireCustomer(actor, customerId);
    return activitiesRepository.forCustomer(this.db, customerId, limit);
  }

  async addActivity(actor: Actor, customerId: number, input: { kind: string; subject?: string | null; body: string; occurredAt?: string }) {
    return this.db.transaction(async (tx) => {
      await this.requireCustomer(actor, customerId, tx);
      const row = await activitiesRepository.insert(tx, customerId, {
        kind: input.kind,
        subject: input.subject ?? null,
        body: input.body,
        occurredAt: input.occurredAt ? new Date(input.occurredAt) : null,
        createdBy: actor.userId,
      });
      await recordAudit(tx, actor, { action: 'create', entity: 'activity', entityId: row.id, after: row });
      return row;
    });
  }

  async deleteActivity(actor: Actor, customerId: number, activityId: number) {
    await this.db.transaction(async (tx) => {
      await this.requireCustomer(actor, customerId, tx);
      const before = await activitiesRepository.byId(tx, customerId, activityId);
      if (!before) throw notFound('ACTIVITY_NOT_FOUND', 'activity.not_found');
      await activitiesRepository.softDelete(tx, customerId, activityId);
      await recordAudit(tx, actor, { action: 'delete', entity: 'activity', entityId: activityId, before });
    });
  }

  /** Throws not-found unless the customer exists, is not deleted and lies in the actor's scope. */
  async requireCustomer(actor: Actor, id: number, q: Queryable = this.db): Promise<CustomerRow> {
    const row = await customersRepository.findById(q, actor.scope, id);
    if (!row) throw notFoundError();
    return row;
  }

  // ---- helpers ----
  private checkWritable(actor: Actor, body: Record<string, unknown>, errors: FieldError[]) {
    for (const field of PROTECTED_INPUTS) {
      if (body[field] !== undefined && !canWriteField(actor, field)) errors.push({ field: `body.${field}`, message: 'field.not_editable' });
    }
    for (const key of Object.keys((body.custom as Record<string, unknown> | undefined) ?? {})) {
      if (!canWriteField(actor, `custom.${key}`)) errors.push({ field: `body.custom.${key}`, message: 'field.not_editable' });
    }
  }

  /** Where a new customer goes: the actor's own unit and himself unless he may assign and says otherwise. */
  private async placement(actor: Actor, body: CustomerCreateBody, errors: FieldError[]) {
    const canAssign = actor.permissions.has('customer:assign');
    if ((body.orgUnitId !== undefined || body.ownerId !== undefined) && !canAssign) {
      if (body.orgUnitId !== undefined) errors.push({ field: 'body.orgUnitId', message: 'field.not_editable' });
      if (body.ownerId !== undefined) errors.push({ field: 'body.ownerId', message: 'field.not_editable' });
      return { orgUnitId: actor.orgUnitId ?? 0, ownerId: actor.userId };
    }
    let ownerId = body.ownerId === undefined ? actor.userId : body.ownerId;
    let orgUnitId = body.orgUnitId ?? actor.orgUnitId;
    if (ownerId !== null) {
      try {
        const owner = await this.deps.users.get(actor, ownerId);
        orgUnitId = body.orgUnitId ?? owner.orgUnitId;
      } catch {
        errors.push({ field: 'body.ownerId', message: 'field.owner_out_of_scope' });
        ownerId = null;
      }
    }
    if (orgUnitId === null) {
      errors.push({ field: 'body.orgUnitId', message: 'field.required' });
      return { orgUnitId: 0, ownerId };
    }
    if (!inScope(actor.unitScope, { orgUnitId, ownerId: null })) errors.push({ field: 'body.orgUnitId', message: 'field.org_unit_out_of_scope' });
    return { orgUnitId, ownerId };
  }

  private async rejectDuplicates(actor: Actor, values: CustomerValues, excludeId: number | null, allowSoft: boolean, q: Queryable = this.db) {
    const matches = await this.findDuplicates(actor, values, excludeId, q);
    const blocking = matches.filter((m) => m.hard || !allowSoft);
    if (blocking.length) {
      throw new AppError('CONFLICT', 'DUPLICATE_CUSTOMER', 'customer.duplicate', { extra: { matches: blocking } });
    }
  }

  private async findDuplicates(actor: Actor, values: CustomerValues, excludeId: number | null, q: Queryable) {
    const candidates = await customersRepository.findDuplicateCandidates(q, {
      idNumber: values.idNumber,
      mobile: values.mobile,
      email: values.email,
      nameNorm: values.kind === 'organization' && values.nameNorm ? values.nameNorm : null,
      excludeId,
    });
    return candidates.map((c) => {
      const hard = c.matchedOn.includes('idNumber');
      if (inScope(actor.scope, c)) {
        return { inScope: true, matchedOn: c.matchedOn, hard, id: c.id, code: c.code, name: c.name, orgUnitName: c.orgUnitName };
      }
      return {
        inScope: false,
        matchedOn: c.matchedOn,
        hard,
        name: maskName(c.name),
        orgUnitName: c.orgUnitName,
        message: t(actor.locale, 'customer.duplicate_other_branch'),
      };
    });
  }

  private async nextCode(tx: Queryable, values: CustomerValues): Promise<string> {
    const pattern = await settings.get(tx, CODE_PATTERN_SETTING, DEFAULT_CODE_PATTERN);
    for (let attempt = 0; attempt < 5; attempt++) {
      const code = formatCode(pattern, { seq: await customersRepository.nextCodeNumber(tx), kind: values.kind, date: new Date() });
      if (!(await customersRepository.codeExists(tx, code))) return code;
    }
    throw new AppError('CONFLICT', 'CUSTOMER_CODE_TAKEN', 'customer.code_taken');
  }

  private async filterFrom(actor: Actor, query: CustomerListQuery): Promise<ListFilter> {
    const custom: Record<string, unknown> = {};
    const filterable = await this.deps.customFields.filterable();
    const known = new Set(['q', 'kind', 'status', 'orgUnitId', 'ownerId', 'industry', 'provinceCode', 'createdFrom', 'createdTo', 'tagId', 'segmentId', 'deleted', 'sort', 'limit', 'cursor']);
    for (const [key, raw] of Object.entries(query)) {
      if (known.has(key)) continue;
      const def = key.startsWith('custom.') ? filterable.get(key.slice(7)) : undefined;
      if (!def || typeof raw !== 'string') throw invalidField(`querystring.${key}`, 'field.filter');
      const coerced = coerce(def.type === 'multiselect' ? { ...def, type: 'select' } : def, raw);
      if (!coerced.ok) throw invalidField(`querystring.${key}`, coerced.message);
      custom[def.key] = def.type === 'multiselect' ? [coerced.value] : coerced.value;
    }
    const deleted = query.deleted === 'true';
    if (deleted && !actor.permissions.has('customer:restore')) throw new AppError('FORBIDDEN', 'FORBIDDEN', 'problem.forbidden');
    const filter: ListFilter = {
      kind: query.kind,
      status: query.status,
      ownerId: query.ownerId,
      industry: query.industry,
      provinceCode: query.provinceCode,
      createdFrom: query.createdFrom,
      createdTo: query.createdTo,
      tagId: query.tagId,
      segmentId: query.segmentId,
      deleted,
      custom,
    };
    if (query.orgUnitId) filter.orgUnitIds = await this.deps.orgUnits.subtreeIds(query.orgUnitId);
    if (query.q && searchForm(query.q)) filter.search = searchTerms(query.q);
    return filter;
  }
}

/** The shortest query searched as the start of a customer code: shorter ones match only a whole code. */
export const CODE_PREFIX_MIN_LENGTH = 4;

/**
 * What a search box query can be: a code or the start of one, or an email (no CJK, no spaces), a
 * mobile number, and/or part of a name. Codes compare upper-cased, as they are made; full-width
 * letters and digits were made half-width by searchForm. A query made of digits and at most a few
 * letters (a code or a phone) is not also searched as a name, which would only cost time.
 */
export function searchTerms(q: string): NonNullable<ListFilter['search']> {
  const form = searchForm(q);
  const mobile = parseMobile(q);
  const identifierLike = /^[\x21-\x7e]+$/.test(form);
  const digits = form.replace(/\D/g, '').length;
  const looksLikeNumber = identifierLike && (form.includes('@') || digits >= 5);
  const length = [...form].length;
  return {
    identifier: identifierLike ? form : null,
    codePrefix: identifierLike && length >= CODE_PREFIX_MIN_LENGTH ? form.toUpperCase() : null,
    mobile: mobile.ok ? mobile.e164 : null,
    grams: looksLikeNumber ? [] : queryGrams(q),
    like: looksLikeNumber || length <= 2 ? null : containsPattern(q),
  };
}

/** The client-editable fields of a stored row. */
function fieldsOf(row: CustomerRow): CustomerFields & { kind: CustomerRow['kind']; name: string } {
  return {
    kind: row.kind,
    name: row.name,
    nameEn: row.nameEn,
    gender: row.gender,
    birthDate: row.birthDate,
    idType: row.idType,
    idNumber: row.idNumber,
    mobile: row.mobile,
    phone: row.phone,
    email: row.email,
    provinceCode: row.provinceCode,
    cityCode: row.cityCode,
    districtCode: row.districtCode,
    address: row.address,
    postalCode: row.postalCode,
    industry: row.industry,
    size: row.size,
    status: row.status,
    sourceChannel: row.sourceChannel,
  };
}

/** What the audit log keeps of a customer: the stored fields, without derived search columns. */
function auditable(row: CustomerRow): Record<string, unknown> {
  const { nameSort: _s, orgUnitName: _o, ownerName: _n, ...rest } = row;
  return rest;
}

function sortValue(row: CustomerRow, field: SortField): unknown {
  switch (field) {
    case 'createdAt':
      return row.createdAt.toISOString();
    case 'updatedAt':
      return row.updatedAt.toISOString();
    case 'name':
      return row.nameSort;
    case 'code':
      return row.code;
  }
}

export function encodeCursor(value: unknown, id: number): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

/** A cursor is only accepted when its value fits the sort field, so it never reaches SQL malformed. */
function decodeCursor(cursor: string, field: SortField): { value: unknown; id: number } {
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) throw new Error();
    if (typeof value !== 'string' || value.length > 300 || value.includes('\u0000')) throw new Error();
    if ((field === 'createdAt' || field === 'updatedAt') && !ISO_TIMESTAMP.test(value)) throw new Error();
    return { value, id };
  } catch {
    throw invalidField('querystring.cursor', 'field.cursor');
  }
}
const ISO_TIMESTAMP = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A customer read with its contacts, shaped for one reader. */
function presentWithContacts(row: CustomerRow & { contacts: ContactDto[] }, actor: Actor): CustomerDto {
  const { contacts, ...customer } = row;
  return presentCustomer(customer, actor, 'detail', contacts);
}
