import { Select, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Region } from '../../lib/types.ts';
import { regionLabel } from '../../app/components.tsx';
import { useRegionPath, useRegions } from './queries.ts';

/** The level of a GB/T 2260 code, as the server reads it: XX0000 a province, XXYY00 a city, else a district. */
export function regionLevel(code: string): Region['level'] {
  if (code.endsWith('0000')) return 'province';
  return code.endsWith('00') ? 'city' : 'district';
}

/** The customer fields of a picked path: a municipality's district has no city, a city may have no district. */
export function regionCodes(path: string[]): { provinceCode: string | null; cityCode: string | null; districtCode: string | null } {
  const codes = { provinceCode: path[0] ?? null, cityCode: null as string | null, districtCode: null as string | null };
  for (const code of path.slice(1)) {
    if (regionLevel(code) === 'city') codes.cityCode = code;
    else codes.districtCode = code;
  }
  return codes;
}

export interface RegionErrors {
  provinceCode?: unknown;
  cityCode?: unknown;
  districtCode?: unknown;
}

const asError = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);

/**
 * Province → city → district, each list read from GET /regions?parent= when its parent is
 * chosen. Municipalities list their districts directly below the province. A stored code that is
 * no longer current still shows, by its name from GET /regions/:code/path.
 */
export function RegionPicker({ value, onChange, errors = {} }: { value: string[]; onChange: (path: string[]) => void; errors?: RegionErrors }) {
  const { t } = useTranslation();
  const [province, second, third] = value;
  const provinces = useRegions(null);
  const seconds = useRegions(province, Boolean(province));
  const secondIsCity = Boolean(second && regionLevel(second) === 'city');
  const thirds = useRegions(second, secondIsCity);
  const lists = [provinces, seconds, thirds];
  const missing = value.some((code, i) => {
    const data = lists[i]?.data;
    return data !== undefined && !data.some((r) => r.code === code);
  });
  const path = useRegionPath(value[value.length - 1], missing);

  const options = (list: Region[] | undefined, chosen: string | undefined) => {
    const data = (list ?? []).map((r) => ({ value: r.code, label: regionLabel(r) }));
    if (chosen && !data.some((d) => d.value === chosen)) {
      const known = path.data?.find((p) => p.code === chosen);
      data.unshift({ value: chosen, label: known ? regionLabel(known) : chosen });
    }
    return data;
  };
  const secondAreDistricts = (seconds.data?.length ?? 0) > 0 && seconds.data!.every((r) => r.level === 'district');
  const noThird = secondIsCity && thirds.data !== undefined && thirds.data.length === 0;

  return (
    <div role="group" aria-labelledby="region-label" data-testid="region-picker">
      <Text size="sm" fw={500} id="region-label" mb={4}>
        {t('customer.fields.region')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" verticalSpacing="sm">
        <Select
          aria-label={t('customer.region.province')}
          placeholder={provinces.isPending ? t('common.loading') : t('customer.region.province')}
          data={options(provinces.data, province)}
          value={province ?? null}
          onChange={(code) => onChange(code ? [code] : [])}
          searchable
          clearable
          nothingFoundMessage={t('common.nothingFound')}
          error={asError(errors.provinceCode)}
          data-testid="region-province"
        />
        <Select
          aria-label={secondAreDistricts ? t('customer.region.district') : t('customer.region.city')}
          placeholder={
            !province ? t('customer.region.chooseProvince') : seconds.isPending ? t('common.loading') : secondAreDistricts ? t('customer.region.district') : t('customer.region.city')
          }
          data={options(seconds.data, second)}
          value={second ?? null}
          onChange={(code) => onChange(code ? [province!, code] : [province!])}
          disabled={!province}
          searchable
          clearable
          nothingFoundMessage={t('common.nothingFound')}
          error={asError(errors.cityCode) ?? (second && !secondIsCity ? asError(errors.districtCode) : undefined)}
          data-testid="region-city"
        />
        <Select
          aria-label={t('customer.region.district')}
          placeholder={
            !secondIsCity
              ? second
                ? t('customer.region.notApplicable')
                : t('customer.region.chooseCity')
              : thirds.isPending
                ? t('common.loading')
                : noThird
                  ? t('customer.region.noDistricts')
                  : t('customer.region.district')
          }
          data={secondIsCity ? options(thirds.data, third) : []}
          value={secondIsCity ? (third ?? null) : null}
          onChange={(code) => onChange(code ? [province!, second!, code] : [province!, second!])}
          disabled={!secondIsCity || noThird}
          searchable
          clearable
          nothingFoundMessage={t('common.nothingFound')}
          error={secondIsCity ? asError(errors.districtCode) : undefined}
          data-testid="region-district"
        />
      </SimpleGrid>
      {[provinces, seconds, thirds].some((q) => q.error) && (
        <Text size="xs" c="red" mt={4} role="alert">
          {t('customer.region.loadFailed')}
        </Text>
      )}
    </div>
  );
}
