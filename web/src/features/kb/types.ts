export const ARTICLE_STATUSES = ['draft', 'published', 'archived'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** One result of GET /kb: the title and the opening of the body in both languages. */
export interface ArticleHit {
  id: number;
  titleZh: string;
  titleEn: string | null;
  excerptZh: string;
  excerptEn: string | null;
  status: ArticleStatus;
  categoryId: number | null;
  updatedAt: string;
}

export interface Article {
  id: number;
  ticketId: number | null;
  ticketNumber: string | null;
  categoryId: number | null;
  titleZh: string;
  titleEn: string | null;
  bodyZh: string;
  bodyEn: string | null;
  status: ArticleStatus;
  createdByName: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ArticleBody {
  ticketId?: number | null;
  categoryId: number | null;
  titleZh: string;
  titleEn: string | null;
  bodyZh: string;
  bodyEn: string | null;
}

export interface TicketCategory {
  id: number;
  parentId: number | null;
  code: string;
  nameZh: string;
  nameEn: string;
  active: boolean;
}

/** The parts of GET /tickets/:id an article is made from. */
export interface TicketForArticle {
  ticket: {
    id: number;
    number: string;
    subject: string;
    description: string | null;
    solution: string | null;
    resolution: string | null;
    categoryId: number | null;
    resolvedAt: string | null;
  };
}
