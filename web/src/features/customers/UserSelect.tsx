import { useMemo, useRef, useState } from 'react';
import { Loader, Select, Text, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { UserLookup } from '../../lib/types.ts';
import { useUserLookup, useUsersById } from './queries.ts';

export const userLabel = (user: Pick<UserLookup, 'displayName' | 'username'>) => `${user.displayName} (${user.username})`;
export const userUnitName = (user: Pick<UserLookup, 'orgUnitNameZh' | 'orgUnitNameEn'>, locale: string) =>
  locale === 'en' && user.orgUnitNameEn ? user.orgUnitNameEn : user.orgUnitNameZh;

type Props = { value: string | null; onChange: (value: string | null, user: UserLookup | null) => void } & Omit<
  SelectProps,
  'data' | 'value' | 'onChange' | 'searchable' | 'searchValue' | 'onSearchChange' | 'filter'
>;

/**
 * Picks an active member of staff (GET /users/lookup), searched on the server by name or user
 * name as the user types; a value chosen earlier (from the address) is named by its id.
 */
export function UserSelect({ value, onChange, ...props }: Props) {
  const { t, i18n } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const known = useRef(new Map<string, UserLookup>());
  const selected = value ? known.current.get(value) : undefined;
  // Once a user is chosen the box shows his label; that is not a search.
  const q = selected && debounced === userLabel(selected) ? '' : debounced;
  const results = useUserLookup(q, opened);
  const byId = useUsersById(value && !selected ? [Number(value)] : []);

  for (const user of [...(results.data ?? []), ...(byId.data ?? [])]) known.current.set(String(user.id), user);
  const current = value ? known.current.get(value) : undefined;

  const data = useMemo(() => {
    const users = [...(current ? [current] : []), ...(results.data ?? []).filter((u) => String(u.id) !== value)];
    return users.map((u) => ({ value: String(u.id), label: userLabel(u) }));
  }, [current, results.data, value]);
  // A chosen user not (or no longer) found still shows as something readable.
  const withValue = value && !data.some((d) => d.value === value) ? [{ value, label: byId.isPending ? t('common.loading') : `#${value}` }, ...data] : data;

  return (
    <Select
      searchable
      clearable
      data={withValue}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(next) => onChange(next, next ? (known.current.get(next) ?? null) : null)}
      onDropdownOpen={() => setOpened(true)}
      filter={({ options }) => options}
      nothingFoundMessage={results.isFetching ? t('common.loading') : results.error ? t('errors.unexpected') : t('common.nothingFound')}
      rightSection={results.isFetching && opened ? <Loader size={14} /> : undefined}
      renderOption={({ option }) => {
        const user = known.current.get(option.value);
        return (
          <div>
            <Text size="sm">{option.label}</Text>
            {user && (
              <Text size="xs" c="dimmed">
                {userUnitName(user, i18n.language)}
              </Text>
            )}
          </div>
        );
      }}
      {...props}
    />
  );
}
