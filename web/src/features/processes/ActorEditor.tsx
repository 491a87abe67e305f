import { Checkbox, Select, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { OrgUnitSelect } from '../customers/OrgUnitSelect.tsx';
import { useOrgUnits } from '../customers/queries.ts';
import { UserSelect } from '../customers/UserSelect.tsx';
import { useRoles } from '../admin/queries.ts';
import { ACTOR_KINDS, type ActorKind, type ActorSpec } from './types.ts';

const roleName = (r: { nameZh: string; nameEn: string }, locale: string) => (locale === 'en' ? r.nameEn : r.nameZh);

/** A fresh actor of a kind, with the parameters the kind needs. */
export function newActor(kind: ActorKind, states: string[] = []): ActorSpec {
  switch (kind) {
    case 'role':
      return { kind, role: '', near: false };
    case 'unit':
      return { kind, unitId: '' };
    case 'user':
      return { kind, userId: '' };
    case 'same_as':
      return { kind, state: states[0] ?? '' };
    default:
      return { kind };
  }
}

interface Props {
  label: string;
  value: ActorSpec | undefined;
  onChange: (value: ActorSpec | undefined) => void;
  /** Errors by path below the actor: '' (the actor itself), 'role', 'unitId', 'userId', 'state'. */
  errors: Record<string, string | undefined>;
  /** State keys, for 'same as'. */
  states: string[];
  optional?: boolean;
  testId: string;
}

/** Who acts: the kind of actor and, for some kinds, a role, a unit, a user or another state. */
export function ActorEditor({ label, value, onChange, errors, states, optional, testId }: Props) {
  const { t, i18n } = useTranslation();
  const roles = useRoles();
  const units = useOrgUnits();
  const roleOptions = (roles.data ?? []).map((r) => ({ value: r.key, label: `${roleName(r, i18n.language)} (${r.key})` }));
  if (value?.kind === 'role' && value.role && !roleOptions.some((o) => o.value === value.role)) roleOptions.push({ value: value.role, label: value.role });
  return (
    <Stack gap={6} data-testid={testId}>
      <Select
        label={label}
        placeholder={optional ? t('processes.actor.none') : undefined}
        data={ACTOR_KINDS.map((k) => ({ value: k, label: t(`processes.actor.kind.${k}`) }))}
        value={value?.kind ?? null}
        onChange={(kind) => onChange(kind ? newActor(kind as ActorKind, states) : undefined)}
        clearable={optional}
        allowDeselect={optional}
        error={errors['']}
        data-testid={`${testId}-kind`}
      />
      {value?.kind === 'role' && (
        <>
          <Select label={t('processes.actor.role')} data={roleOptions} value={value.role || null} onChange={(role) => onChange({ ...value, role: role ?? '' })} searchable error={errors.role} data-testid={`${testId}-role`} />
          <Checkbox label={t('processes.actor.near')} checked={value.near} onChange={(e) => onChange({ ...value, near: e.currentTarget.checked })} data-testid={`${testId}-near`} />
        </>
      )}
      {value?.kind === 'unit' && (
        <OrgUnitSelect
          units={units.data ?? []}
          label={t('processes.actor.unit')}
          value={value.unitId === '' ? null : String(value.unitId)}
          onChange={(v) => onChange({ ...value, unitId: v ? Number(v) : '' })}
          error={errors.unitId}
          data-testid={`${testId}-unit`}
        />
      )}
      {value?.kind === 'user' && (
        <UserSelect
          label={t('processes.actor.user')}
          value={value.userId === '' ? null : String(value.userId)}
          onChange={(v) => onChange({ ...value, userId: v ? Number(v) : '' })}
          error={errors.userId}
          data-testid={`${testId}-user`}
        />
      )}
      {value?.kind === 'same_as' && (
        <Select
          label={t('processes.actor.sameAs')}
          data={[...new Set(states.filter(Boolean))]}
          value={value.state || null}
          onChange={(state) => onChange({ ...value, state: state ?? '' })}
          error={errors.state}
          data-testid={`${testId}-state`}
        />
      )}
    </Stack>
  );
}
