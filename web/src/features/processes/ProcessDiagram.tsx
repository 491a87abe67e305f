import { Paper, ScrollArea, Text, useMantineTheme } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProcessDefinition } from './types.ts';

const W = 108;
const H = 46;
const GAP = 32;
const TOP = 150;

/**
 * The process at a glance: states as boxes in their order, transitions forward arching above,
 * transitions back arching below (engine-taken ones dashed).
 */
export default function ProcessDiagram({ definition }: { definition: ProcessDefinition }) {
  const { t, i18n } = useTranslation();
  const theme = useMantineTheme();
  const index = new Map(definition.states.map((s, i) => [s.key, i]));
  const x = (i: number) => 16 + i * (W + GAP);
  const width = x(Math.max(definition.states.length - 1, 0)) + W + 16;
  const height = TOP * 2 + H;
  const name = (s: { nameZh: string; nameEn: string; key: string }) => (i18n.language === 'en' ? s.nameEn : s.nameZh) || s.key;
  // Transitions between the same pair of boxes are spread out so their arcs do not overlap.
  const seen = new Map<string, number>();
  return (
    <Paper withBorder p="sm" data-testid="process-diagram">
      <ScrollArea type="auto">
        <svg width={width} height={height} role="img" aria-label={t('processes.editor.diagramLabel')} style={{ display: 'block', fontFamily: theme.fontFamily }}>
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" fill={theme.colors.gray[6]} />
            </marker>
          </defs>
          {definition.transitions.map((tr, i) => {
            const a = index.get(tr.from);
            const b = index.get(tr.to);
            if (a === undefined || b === undefined) return null;
            const pair = `${Math.min(a, b)}-${Math.max(a, b)}-${a < b}`;
            const nth = seen.get(pair) ?? 0;
            seen.set(pair, nth + 1);
            const forward = b > a;
            const self = a === b;
            const x1 = x(a) + W / 2 + (forward ? 12 : -12) + nth * 6;
            const x2 = x(b) + W / 2 + (forward ? -12 : 12) - nth * 6;
            const y = forward ? TOP : TOP + H;
            const lift = Math.min(TOP - 20, 30 + Math.abs(b - a) * 22 + nth * 14) * (forward ? -1 : 1);
            const d = self ? `M ${x1} ${y} c -30 ${lift} 50 ${lift} 24 0` : `M ${x1} ${y} C ${x1} ${y + lift} ${x2} ${y + lift} ${x2} ${y}`;
            const engine = tr.trigger !== 'user';
            const color = tr.trigger === 'rejected' || tr.effect === 'reopen' ? theme.colors.orange[6] : engine ? theme.colors.violet[5] : theme.colors.gray[6];
            return (
              <g key={i} data-testid="diagram-edge">
                <path d={d} fill="none" stroke={color} strokeWidth={1.4} strokeDasharray={engine ? '4 3' : undefined} markerEnd="url(#arrow)" />
                <text x={(x1 + x2) / 2} y={y + lift * 0.75 + (forward ? -2 : 10)} fontSize={10} textAnchor="middle" fill={theme.colors.gray[7]}>
                  {name(tr)}
                </text>
              </g>
            );
          })}
          {definition.states.map((s, i) => (
            <g key={`${s.key}-${i}`} data-testid="diagram-state">
              <rect
                x={x(i)}
                y={TOP}
                width={W}
                height={H}
                rx={s.final ? 23 : 6}
                fill={s.final ? theme.colors.gray[1] : s.stage ? theme.colors.indigo[0] : theme.white}
                stroke={definition.initial === s.key ? theme.colors.teal[6] : s.stage ? theme.colors.indigo[5] : theme.colors.gray[5]}
                strokeWidth={definition.initial === s.key ? 2.5 : 1.2}
              />
              <text x={x(i) + W / 2} y={TOP + 20} fontSize={12} fontWeight={600} textAnchor="middle" fill={theme.black}>
                {name(s).slice(0, 12)}
              </text>
              <text x={x(i) + W / 2} y={TOP + 36} fontSize={10} textAnchor="middle" fill={theme.colors.gray[6]}>
                {s.timeLimit?.hours ? `${s.key} · ${s.timeLimit.hours}h` : s.key}
              </text>
            </g>
          ))}
        </svg>
      </ScrollArea>
      <Text size="xs" c="dimmed" mt="xs">
        {t('processes.editor.diagramHint')}
      </Text>
    </Paper>
  );
}
