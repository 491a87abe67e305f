import { useMemo, useState, type ReactNode } from 'react';
import { ActionIcon, Alert, Button, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Switch, Table, Tabs, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/components.tsx';
import { ApiError, isApiError } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { useCustomFields } from '../customers/queries.ts';
import { formatMoney } from '../holdings/money.ts';
import { fromRule, toRule, type GroupNode } from '../tags/rule/model.ts';
import { RuleEditor } from '../tags/rule/RuleEditor.tsx';
import { useRuleFields } from '../tags/rule/useRuleFields.ts';
import { TIER_COLORS, useValueLabels, VALUE_CURRENCY } from './labels.tsx';
import { useSaveValueSettings } from './queries.ts';
import type { Classification, ClvSettings, TierMatrix, ValueSettings } from './types.ts';

type Num = number | string;
const MAX_BOUNDS = 8;

/** The problems of a failed save under one settings path, or null when it failed otherwise. */
function problemsUnder(error: unknown, prefix: string) {
  return isApiError(error) ? error.errors.filter((e) => e.field === prefix || e.field.startsWith(`${prefix}.`)) : [];
}

/** Saves one part of the settings, merged into what the server has now. */
function useSavePart<K extends keyof ValueSettings>(settings: ValueSettings, part: K) {
  const { t } = useTranslation();
  const save = useSaveValueSettings();
  return {
    save: (value: ValueSettings[K], onSaved?: (saved: ValueSettings) => void) =>
      save.mutate({ ...settings, [part]: value }, { onSuccess: (saved) => { notifications.show({ color: 'teal', message: t('value.settings.saved') }); onSaved?.(saved); } }),
    pending: save.isPending,
    error: save.error,
    reset: save.reset,
  };
}

// ---------------------------------------------------------------------------------------------
// The tier matrix

/** Names of the bands a list of bounds makes: under the first, between two, from the last on. */
function bandNames(bounds: Num[], show: (n: number) => string, names: { all: string; under: (to: string) => string; between: (from: string, to: string) => string; orMore: (from: string) => string }): string[] {
  const valid = bounds.map((b) => (b === '' ? '?' : show(Number(b))));
  if (valid.length === 0) return [names.all];
  return [names.under(valid[0]!), ...valid.slice(1).map((to, i) => names.between(valid[i]!, to)), names.orMore(valid.at(-1)!)];
}

export function MatrixForm({ settings }: { settings: ValueSettings }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const labels = useValueLabels();
  const customFields = useCustomFields();
  const part = useSavePart(settings, 'matrix');
  const [matrix, setMatrix] = useState<{ incomeSource: string; ageBounds: Num[]; incomeBounds: Num[]; cells: (string | null)[][] }>(settings.matrix);
  const [missing, setMissing] = useState(false);

  const numberFields = (customFields.data ?? []).filter((f) => f.active && f.entity === 'customer' && f.type === 'number');
  const sources = [
    { value: 'assets', label: t('value.matrix.sourceAssets') },
    ...numberFields.map((f) => ({ value: `custom.${f.key}`, label: t('value.matrix.sourceCustom', { name: i18n.language === 'en' ? f.labelEn : f.labelZh }) })),
  ];
  // A source saved before its field was switched off or created: still shown, and flagged.
  const sourceKnown = sources.some((s) => s.value === matrix.incomeSource);
  if (!sourceKnown) sources.push({ value: matrix.incomeSource, label: matrix.incomeSource });

  // Tiers to choose in a cell: the contribution tiers, the usual names, and any already used.
  const tiers = useMemo(() => {
    const keys = new Set<string>([...settings.tiers.map((tier) => tier.key), ...Object.keys(TIER_COLORS)]);
    for (const row of matrix.cells) for (const cell of row) if (cell) keys.add(cell);
    return [...keys];
  }, [settings.tiers, matrix.cells]);

  const names = (all: string) => ({
    all,
    under: (to: string) => t('value.matrix.under', { to }),
    between: (from: string, to: string) => t('value.matrix.between', { from, to }),
    orMore: (from: string) => t('value.matrix.orMore', { from }),
  });
  const ageNames = bandNames(matrix.ageBounds, (n) => format.number(n), names(t('value.matrix.ageAll')));
  const incomeNames = bandNames(matrix.incomeBounds, (n) => formatMoney(String(n), VALUE_CURRENCY, format.locale), names(t('value.matrix.incomeAll')));
  const problems = problemsUnder(part.error, 'body.matrix');
  const problemAt = (path: string) => problems.find((p) => p.field === `body.matrix.${path}`)?.message;

  const setBound = (kind: 'ageBounds' | 'incomeBounds', i: number, value: Num) => setMatrix((m) => ({ ...m, [kind]: m[kind].map((b, j) => (j === i ? value : b)) }));
  // A new band copies the last one's tiers; removing a bound merges its band into the one before.
  const addBound = (kind: 'ageBounds' | 'incomeBounds') =>
    setMatrix((m) => ({
      ...m,
      [kind]: [...m[kind], ''],
      cells: kind === 'ageBounds' ? [...m.cells, [...m.cells.at(-1)!]] : m.cells.map((row) => [...row, row.at(-1) ?? null]),
    }));
  const removeBound = (kind: 'ageBounds' | 'incomeBounds', i: number) =>
    setMatrix((m) => ({
      ...m,
      [kind]: m[kind].filter((_, j) => j !== i),
      cells: kind === 'ageBounds' ? m.cells.filter((_, r) => r !== i + 1) : m.cells.map((row) => row.filter((_, c) => c !== i + 1)),
    }));
  const setCell = (r: number, c: number, tier: string) => setMatrix((m) => ({ ...m, cells: m.cells.map((row, i) => (i === r ? row.map((cell, j) => (j === c ? tier || null : cell)) : row)) }));

  function submit() {
    if ([...matrix.ageBounds, ...matrix.incomeBounds].some((b) => b === '')) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const value: TierMatrix = { ...matrix, ageBounds: matrix.ageBounds.map(Number), incomeBounds: matrix.incomeBounds.map(Number) };
    part.save(value, (saved) => setMatrix(saved.matrix));
  }

  const boundsEditor = (kind: 'ageBounds' | 'incomeBounds', label: string) => (
    <Stack gap={4} data-testid={`value-matrix-${kind}`}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Group gap="xs" align="flex-start">
        {matrix[kind].map((bound, i) => (
          <Group key={i} gap={2} wrap="nowrap" align="flex-start">
            <NumberInput
              w={kind === 'ageBounds' ? 80 : 140}
              size="xs"
              aria-label={t(`value.matrix.${kind === 'ageBounds' ? 'ageBoundOf' : 'incomeBoundOf'}`, { n: i + 1 })}
              value={bound}
              onChange={(v) => setBound(kind, i, v)}
              allowDecimal={kind === 'incomeBounds'}
              thousandSeparator={kind === 'incomeBounds' ? ',' : undefined}
              hideControls
              error={(missing && bound === '') || Boolean(problemAt(`${kind}.${i}`))}
              data-testid={`value-matrix-${kind}-${i}`}
            />
            <Tooltip label={t('value.matrix.removeBound')} withArrow>
              <ActionIcon variant="subtle" color="red" mt={4} onClick={() => removeBound(kind, i)} aria-label={t('value.matrix.removeBoundOf', { n: i + 1 })} data-testid={`value-matrix-${kind}-remove-${i}`}>
                <IconTrash size={14} />
              </ActionIcon>
            </Tooltip>
          </Group>
        ))}
        <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} disabled={matrix[kind].length >= MAX_BOUNDS} onClick={() => addBound(kind)} data-testid={`value-matrix-${kind}-add`}>
          {t('value.matrix.addBound')}
        </Button>
      </Group>
      {problemAt(kind) && (
        <Text size="xs" c="red">
          {problemAt(kind)}
        </Text>
      )}
    </Stack>
  );

  return (
    <Stack gap="md" data-testid="value-matrix-form">
      <NativeSelect
        label={t('value.matrix.incomeSource')}
        description={t('value.matrix.incomeSourceHint')}
        data={sources}
        value={matrix.incomeSource}
        onChange={(e) => setMatrix((m) => ({ ...m, incomeSource: e.currentTarget.value }))}
        error={!sourceKnown && matrix.incomeSource !== 'assets' ? t('value.matrix.sourceMissing') : undefined}
        maw={420}
        data-testid="value-matrix-source"
      />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {boundsEditor('ageBounds', t('value.matrix.ageBounds'))}
        {boundsEditor('incomeBounds', t('value.matrix.incomeBounds'))}
      </SimpleGrid>
      {missing && (
        <Text size="sm" c="red" role="alert">
          {t('value.matrix.boundMissing')}
        </Text>
      )}
      <Table.ScrollContainer minWidth={420}>
        <Table withTableBorder withColumnBorders fz="sm" data-testid="value-matrix-grid" aria-label={t('value.matrix.gridLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('value.matrix.corner')}</Table.Th>
              {incomeNames.map((name, c) => (
                <Table.Th key={c} scope="col" style={{ whiteSpace: 'nowrap' }}>
                  {name}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {matrix.cells.map((row, r) => (
              <Table.Tr key={r}>
                <Table.Th scope="row" style={{ whiteSpace: 'nowrap' }}>
                  {ageNames[r]}
                </Table.Th>
                {row.map((cell, c) => (
                  <Table.Td key={c}>
                    <NativeSelect
                      size="xs"
                      aria-label={t('value.matrix.cellLabel', { age: ageNames[r], income: incomeNames[c] })}
                      value={cell ?? ''}
                      onChange={(e) => setCell(r, c, e.currentTarget.value)}
                      data={[{ value: '', label: t('value.matrix.noTier') }, ...tiers.map((key) => ({ value: key, label: labels.tier(key) }))]}
                      error={Boolean(problemAt(`cells.${r}.${c}`))}
                      data-testid={`value-matrix-cell-${r}-${c}`}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {problemAt('cells') && (
        <Text size="sm" c="red">
          {problemAt('cells')}
        </Text>
      )}
      {part.error !== null && (!isApiError(part.error) || problems.length === 0) ? <ErrorAlert error={part.error} /> : null}
      <SaveRow pending={part.pending} onSave={submit} testId="value-matrix-save" onUndo={() => { setMatrix(settings.matrix); setMissing(false); part.reset(); }} />
    </Stack>
  );
}

function SaveRow({ pending, onSave, onUndo, testId }: { pending: boolean; onSave: () => void; onUndo: () => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onUndo}>
        {t('value.settings.reset')}
      </Button>
      <Button onClick={onSave} loading={pending} data-testid={testId}>
        {t('value.settings.save')}
      </Button>
    </Group>
  );
}

// ---------------------------------------------------------------------------------------------
// Classification rules

const RULES = ['key', 'potential', 'vip'] as const;
type RuleName = (typeof RULES)[number];

/** The save's complaints about one rule, as the rule editor reads them (body.rule…). */
function ruleError(error: unknown, which: RuleName): unknown {
  const problems = problemsUnder(error, `body.classification.${which}`);
  if (!isApiError(error) || problems.length === 0) return undefined;
  return new ApiError({ ...error.problem, errors: problems.map((p) => ({ ...p, field: p.field.replace(`body.classification.${which}`, 'body.rule') })) });
}

export function ClassificationForm({ settings }: { settings: ValueSettings }) {
  const { t } = useTranslation();
  const { numeric } = useRuleFields();
  const part = useSavePart(settings, 'classification');
  const initial = () => Object.fromEntries(RULES.map((r) => [r, { on: settings.classification[r] !== null, root: fromRule(settings.classification[r]) }])) as Record<RuleName, { on: boolean; root: GroupNode }>;
  const [rules, setRules] = useState(initial);
  const [incomplete, setIncomplete] = useState<RuleName | null>(null);
  const [tab, setTab] = useState<string | null>('key');

  function submit() {
    const value = {} as Record<RuleName, unknown>;
    for (const which of RULES) {
      if (!rules[which].on) {
        value[which] = null;
        continue;
      }
      const compiled = toRule(rules[which].root, numeric);
      if (!compiled.rule || compiled.incomplete.size > 0) {
        setIncomplete(which);
        setTab(which);
        return;
      }
      value[which] = compiled.rule;
    }
    setIncomplete(null);
    part.save(value as unknown as Classification);
  }

  const unplaced = part.error !== null && (!isApiError(part.error) || problemsUnder(part.error, 'body.classification').length === 0);
  return (
    <Stack gap="md" data-testid="value-rules-form">
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          {RULES.map((which) => (
            <Tabs.Tab key={which} value={which} data-testid={`value-rules-tab-${which}`} c={ruleError(part.error, which) || incomplete === which ? 'red' : undefined}>
              {t(`value.rules.${which}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {RULES.map((which) => (
          <Tabs.Panel key={which} value={which} pt="sm">
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                {t(`value.rules.${which}Hint`)}
              </Text>
              <Switch
                label={t('value.rules.useRule')}
                checked={rules[which].on}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setRules((all) => ({ ...all, [which]: { ...all[which], on } }));
                }}
                data-testid={`value-rules-on-${which}`}
              />
              {rules[which].on ? (
                <RuleEditor
                  root={rules[which].root}
                  onChange={(change) => {
                    setRules((all) => ({ ...all, [which]: { ...all[which], root: typeof change === 'function' ? change(all[which].root) : change } }));
                    if (part.error) part.reset();
                  }}
                  saveError={ruleError(part.error, which)}
                />
              ) : (
                <Text size="sm" c="dimmed">
                  {t(which === 'vip' ? 'value.rules.offVip' : 'value.rules.off')}
                </Text>
              )}
              {incomplete === which && (
                <Alert color="red" variant="light" role="alert">
                  {t('value.rules.incomplete')}
                </Alert>
              )}
            </Stack>
          </Tabs.Panel>
        ))}
      </Tabs>
      {unplaced && <ErrorAlert error={part.error} />}
      <SaveRow pending={part.pending} onSave={submit} testId="value-rules-save" onUndo={() => { setRules(initial()); setIncomplete(null); part.reset(); }} />
    </Stack>
  );
}

// ---------------------------------------------------------------------------------------------
// Lifetime value

export function ClvForm({ settings }: { settings: ValueSettings }) {
  const { t } = useTranslation();
  const part = useSavePart(settings, 'clv');
  // Rates in percent, as people write them.
  const toForm = (clv: ClvSettings) => ({ ...clv, discountRate: Number((clv.discountRate * 100).toFixed(6)) as Num, valueShare: Number((clv.valueShare * 100).toFixed(6)) as Num });
  const [values, setValues] = useState<Record<keyof ClvSettings, Num>>(toForm(settings.clv));
  const problems = problemsUnder(part.error, 'body.clv');
  const problemAt = (key: string): ReactNode => {
    const p = problems.find((e) => e.field === `body.clv.${key}`);
    if (!p) return undefined;
    if ((key === 'discountRate' || key === 'valueShare') && (p.code === 'field.too_small' || p.code === 'field.too_big')) return t('value.settings.percentRange', { min: 0, max: 100 });
    return p.message;
  };
  const input = (key: keyof ClvSettings, suffix?: string, decimals = false) => (
    <NumberInput
      label={t(`value.clvSettings.${key}`)}
      description={t(`value.clvSettings.${key}Hint`)}
      value={values[key]}
      onChange={(v) => setValues((all) => ({ ...all, [key]: v }))}
      suffix={suffix}
      allowDecimal={decimals}
      decimalScale={decimals ? 4 : undefined}
      clampBehavior="none"
      hideControls
      error={problemAt(key)}
      data-testid={`value-clv-${key}`}
    />
  );
  function submit() {
    const clv: ClvSettings = {
      horizonMonths: Number(values.horizonMonths),
      discountRate: Number((Number(values.discountRate) / 100).toFixed(8)),
      valueShare: Number((Number(values.valueShare) / 100).toFixed(8)),
      historyDays: Number(values.historyDays),
      minCustomers: Number(values.minCustomers),
    };
    part.save(clv, (saved) => setValues(toForm(saved.clv)));
  }
  return (
    <Stack gap="md" data-testid="value-clv-form">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
        {input('horizonMonths')}
        {input('discountRate', ' %', true)}
        {input('valueShare', ' %', true)}
        {input('historyDays')}
        {input('minCustomers')}
      </SimpleGrid>
      {part.error !== null && problems.length === 0 && <ErrorAlert error={part.error} />}
      <SaveRow pending={part.pending} onSave={submit} testId="value-clv-save" onUndo={() => { setValues(toForm(settings.clv)); part.reset(); }} />
    </Stack>
  );
}
