import { createContext, useContext } from 'react';
import type { FieldDef } from './fields.ts';
import type { RuleNode } from './model.ts';

/** What every row of the builder needs, without handing it down through each nested group. */
export interface RuleBuilderContext {
  update: (id: string, change: (node: RuleNode) => RuleNode | null) => void;
  /** Server messages by node id. */
  errors: Map<string, string[]>;
  incomplete: Set<string>;
  fields: FieldDef[];
  byKey: Map<string, FieldDef>;
  /** The tag being edited: a rule may not read it. */
  selfKey?: string;
  readOnly: boolean;
}

export const RuleContext = createContext<RuleBuilderContext | null>(null);

export function useRuleContext(): RuleBuilderContext {
  const context = useContext(RuleContext);
  if (!context) throw new Error('useRuleContext outside a rule builder');
  return context;
}
