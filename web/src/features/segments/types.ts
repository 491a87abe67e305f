/** Shapes of the segments API (dates arrive as ISO strings); api-contract.ts checks them against the server. */
import type { Rule, RulePreview } from '../tags/types.ts';

export const SEGMENT_KINDS = ['dynamic', 'static'] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

export interface Segment {
  id: number;
  nameZh: string;
  nameEn: string | null;
  description: string | null;
  kind: SegmentKind;
  /** A Rule; read through the tags' rule model, as the server documents it loosely. */
  rule: unknown;
  /** The segment a snapshot was taken of. */
  sourceSegmentId: number | null;
  ownerId: number | null;
  /** Every member, whoever may see them. */
  memberCount: number;
  /** The members inside the reader's data scope. */
  visibleCount: number;
  computedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SegmentBody {
  nameZh: string;
  nameEn: string | null;
  description: string | null;
  kind: SegmentKind;
  rule: Rule;
}

/** Names always; the rule only for dynamic segments (a static one is a frozen list). */
export interface SegmentUpdateBody {
  nameZh: string;
  nameEn: string | null;
  description: string | null;
  rule?: Rule;
}

export interface SnapshotBody {
  nameZh: string;
  nameEn: string | null;
}

export interface RefreshResult {
  segments: number;
  added: number;
  removed: number;
}

/** The server's age bands, youngest first. */
export const AGE_BANDS = ['<25', '25-34', '35-44', '45-54', '55-64', '65+', 'unknown'] as const;

/** The live count of a rule in the reader's scope, with ten members and who they are. */
export interface AudienceCount extends RulePreview {
  breakdown: {
    /** The largest org units first (at most twenty). */
    orgUnits: { id: number; nameZh: string; nameEn: string | null; count: number }[];
    ageBands: { band: string; count: number }[];
    gender: { gender: string; count: number }[];
    /** Value tiers as last computed, the largest first; 'none' below the lowest tier or not computed yet. */
    tiers: { tier: string; count: number }[];
  };
}
