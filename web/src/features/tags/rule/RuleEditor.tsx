import { useCallback, useMemo, type Dispatch, type ReactNode, type SetStateAction } from 'react';
import { Box, Grid } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { isApiError } from '../../../lib/api.ts';
import { useRulePreview } from '../queries.ts';
import { RuleContext, type RuleBuilderContext } from './context.ts';
import type { RulePreview } from '../types.ts';
import { LivePreview, type LivePreviewProps } from './LivePreview.tsx';
import { placeErrors, toRule, updateNode, type GroupNode, type RuleNode } from './model.ts';
import { GroupEditor } from './RuleBuilder.tsx';
import { useRuleFields } from './useRuleFields.ts';

/** How long the rule must stay still before it is counted: counting runs on the whole customer base. */
const DEBOUNCE_MS = 400;

/** What the editor needs of a count query: the rule as JSON in, a count (and whatever else) out. */
export type UseRuleCount<P extends RulePreview> = (rule: string | null) => { data: P | undefined; error: Error | null; isFetching: boolean };

interface Props<P extends RulePreview> {
  root: GroupNode;
  onChange: Dispatch<SetStateAction<GroupNode>>;
  /** The error of the last save, if it was about the rule. */
  saveError?: unknown;
  selfKey?: string;
  /** Another count than the tags' preview (segments count with breakdowns); must not change while mounted. */
  useCount?: UseRuleCount<P>;
  /** Another box beside the rule than the tags' LivePreview, given the same states. */
  renderPreview?: (props: LivePreviewProps<P>) => ReactNode;
}

/** The visual rule builder with the live count of matching customers beside it. */
export function RuleEditor<P extends RulePreview = RulePreview>({ root, onChange, saveError, selfKey, useCount, renderPreview }: Props<P>) {
  const { fields, byKey, numeric } = useRuleFields();
  const compiled = useMemo(() => toRule(root, numeric), [root, numeric]);
  const json = compiled.rule ? JSON.stringify(compiled.rule) : null;
  const [debounced] = useDebouncedValue(json, DEBOUNCE_MS);
  // Chosen once per editor, so the hooks run in the same order on every render.
  const useChosenCount = (useCount ?? useRulePreview) as UseRuleCount<P>;
  const preview = useChosenCount(debounced);
  const current = debounced === json;

  // The count's complaints apply while the rule is the one counted; the save's until the next edit.
  const problems = [
    ...(current && isApiError(preview.error) ? preview.error.errors : []),
    ...(isApiError(saveError) ? saveError.errors.filter((e) => /^body\.rule(\.|$)/.test(e.field)) : []),
  ];
  const placed = placeErrors(problems, compiled.paths);
  const unplaced = [...(placed.get('') ?? []), ...(current && preview.error && !isApiError(preview.error) ? [String(preview.error)] : [])];
  if (current && isApiError(preview.error) && preview.error.errors.length === 0) unplaced.push(preview.error.title);

  const update = useCallback((id: string, change: (node: RuleNode) => RuleNode | null) => onChange((r) => updateNode(r, id, change)), [onChange]);
  const context: RuleBuilderContext = useMemo(
    () => ({ update, errors: placed, incomplete: compiled.incomplete, fields, byKey, selfKey, readOnly: false }),
    [update, placed, compiled.incomplete, fields, byKey, selfKey],
  );

  const previewProps: LivePreviewProps<P> = {
    preview: current && !preview.error ? preview.data : undefined,
    busy: !current || preview.isFetching,
    empty: json === null,
    invalid: problems.length > 0 || (current && Boolean(preview.error)),
    unplaced,
    incomplete: compiled.incomplete.size,
  };

  return (
    <RuleContext.Provider value={context}>
      <Grid gap="md" data-testid="rule-editor">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <GroupEditor node={root} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Box pos="sticky" top={76}>
            {renderPreview ? renderPreview(previewProps) : <LivePreview {...previewProps} />}
          </Box>
        </Grid.Col>
      </Grid>
    </RuleContext.Provider>
  );
}
