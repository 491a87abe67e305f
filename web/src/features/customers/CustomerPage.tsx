import { Suspense, useEffect, useRef, useState, type CSSProperties, type RefObject } from 'react';
import { Anchor, Badge, Breadcrumbs, Button, Card, Grid, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconBuilding, IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { isApiError } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import type { Customer } from '../../lib/types.ts';
import { usePermissions } from '../../app/auth.tsx';
import { customerUnitLabel, ErrorAlert, ErrorBoundary, PageLoader, StatusBadge, usePageTitle } from '../../app/components.tsx';
import { ForbiddenPage, NotFoundPage } from '../../app/ErrorPage.tsx';
import { customerPanels, type CustomerPanel } from './panels.ts';
import { recentlyDeleted, useCustomer } from './queries.ts';
import { CustomerActions, DeletedNotice, MergeHistory } from './CustomerActions.tsx';

function Header({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const format = useFormat();
  const KindIcon = customer.kind === 'organization' ? IconBuilding : IconUser;
  return (
    <Card withBorder padding="lg" component="header">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        {/* At least 16rem wide: on a phone the actions go under the details rather than squeezing them into a column. */}
        <Stack gap={6} style={{ minWidth: 0, flex: '1 1 16rem' }}>
          <Group gap="xs" wrap="wrap">
            <KindIcon size={22} aria-hidden />
            <Title order={1} fz="h2" style={{ overflowWrap: 'anywhere' }} data-testid="customer-name">
              {customer.name}
            </Title>
            <StatusBadge status={customer.status} />
            <Badge variant="outline" color="gray">
              {t(`customer.kind.${customer.kind}`)}
            </Badge>
            {customer.deletedAt && <Badge color="red">{t('customer.deleted')}</Badge>}
          </Group>
          {customer.nameEn && <Text c="dimmed">{customer.nameEn}</Text>}
          <Group gap="lg" wrap="wrap" style={{ rowGap: 4 }}>
            <Text size="sm">
              <Text span c="dimmed">
                {t('common.labelled', { label: t('customer.fields.code') })}
              </Text>
              <span className="mono" data-testid="customer-code">
                {customer.code}
              </span>
            </Text>
            <Text size="sm">
              <Text span c="dimmed">
                {t('common.labelled', { label: t('customer.fields.owner') })}
              </Text>
              {customer.ownerName ?? t('customer.noOwner')}
            </Text>
            <Text size="sm">
              <Text span c="dimmed">
                {t('common.labelled', { label: t('customer.fields.orgUnit') })}
              </Text>
              {customerUnitLabel(customer)}
            </Text>
            <Text size="sm">
              <Text span c="dimmed">
                {t('common.labelled', { label: t('customer.fields.updatedAt') })}
              </Text>
              <span style={{ whiteSpace: 'nowrap' }} data-testid="customer-updated">
                {format.dateTime(customer.updatedAt)}
              </span>
            </Text>
          </Group>
        </Stack>
        <CustomerActions customer={customer} />
      </Group>
    </Card>
  );
}

function PanelCard({ panel, customer }: { panel: CustomerPanel; customer: Customer }) {
  const { t } = useTranslation();
  const headingId = `panel-${panel.id}`;
  return (
    <Card
      withBorder
      padding="lg"
      component="section"
      aria-labelledby={headingId}
      data-testid={`panel-${panel.id}`}
      id={`section-${panel.id}`}
      // Jumped to from the section bar: clear of the fixed header and of the bar kept under it.
      style={{ scrollMarginTop: 'calc(var(--app-shell-header-height, 0px) + var(--section-bar-height, 0px) + 12px)' }}
    >
      <Title order={2} fz="h4" id={headingId} mb="sm" tabIndex={-1}>
        {t(panel.title)}
      </Title>
      <ErrorBoundary>
        <Suspense fallback={<Skeleton height={80} />}>
          <panel.component customer={customer} />
        </Suspense>
      </ErrorBoundary>
    </Card>
  );
}

/** The customer 360 page: header, then the panels every module registers (panels.ts). */
export default function CustomerPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const query = useCustomer(id);
  // Deleted here a moment ago: the server no longer answers for it, the page still offers the restore.
  const deletedHere = recentlyDeleted.get(id);
  usePageTitle(query.data?.name ?? deletedHere?.name ?? t('nav.customers'));
  if (!Number.isSafeInteger(id) || id <= 0) return <NotFoundPage />;
  if (query.isPending) return <PageLoader />;
  if (query.error && deletedHere) return <CustomerView customer={deletedHere} />;
  if (query.error) {
    if (isApiError(query.error) && query.error.status === 404) return <NotFoundPage />;
    if (isApiError(query.error) && query.error.status === 403) return <ForbiddenPage />;
    return <ErrorAlert error={query.error} />;
  }
  return <CustomerView customer={query.data} />;
}

const SECTION = '#section-';

/**
 * The page is long (a bank customer has a record, contacts, tags, value, credit, accounts,
 * transactions, tickets and a timeline): a bar of the sections, in reading order, stays under the
 * header while the page scrolls. Its entries are links to the sections (#section-holdings), so one
 * can be opened in a new tab or copied and sent; the router takes the fragment into the address
 * (replacing the entry: Back still leaves the page) and the page scrolls to it (useSectionInAddress).
 */
/**
 * The section being read: the one whose top is nearest above the bar (the first while none has
 * reached it), so the bar can mark where the reader is on a long page.
 */
function useSectionInView(ids: string[], bar: RefObject<HTMLElement | null>) {
  const [current, setCurrent] = useState<string | null>(null);
  const key = ids.join(' ');
  useEffect(() => {
    let frame = 0;
    const measure = () => {
      frame = 0;
      // A section jumped to stops 12 px below the bar (its scroll margin); at the page's end the
      // last sections cannot reach the bar, so the lowest one in sight counts.
      const atEnd = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
      const line = atEnd ? window.innerHeight - 1 : (bar.current?.getBoundingClientRect().bottom ?? 0) + 24;
      // Two columns start side by side: the section nearest above the line, the earlier of a row.
      let found: string | null = ids[0] ?? null;
      let nearest = -Infinity;
      for (const id of ids) {
        const top = document.getElementById(`section-${id}`)?.getBoundingClientRect().top;
        if (top !== undefined && top <= line && top > nearest + 4) {
          found = id;
          nearest = top;
        }
      }
      setCurrent(found);
    };
    const schedule = () => {
      if (!frame) frame = window.requestAnimationFrame(measure);
    };
    measure();
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule, { passive: true });
    return () => {
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
      if (frame) window.cancelAnimationFrame(frame);
    };
    // The ids' text stands for the list: a new array of the same ids changes nothing.
  }, [key, bar]);
  return current;
}

function SectionBar({ panels, onHeight }: { panels: CustomerPanel[]; onHeight: (height: number) => void }) {
  const { t } = useTranslation();
  const bar = useRef<HTMLElement>(null);
  const current = useSectionInView(
    panels.map((panel) => panel.id),
    bar,
  );
  // On a phone the bar scrolls sideways: keep the current entry in it.
  useEffect(() => {
    const element = bar.current;
    const entry = element?.querySelector<HTMLElement>(`[data-section="${current}"]`);
    if (!element || !entry) return;
    if (entry.offsetLeft < element.scrollLeft) element.scrollLeft = entry.offsetLeft;
    else if (entry.offsetLeft + entry.offsetWidth > element.scrollLeft + element.clientWidth) element.scrollLeft = entry.offsetLeft + entry.offsetWidth - element.clientWidth;
  }, [current]);
  // The sections stop below the bar as well as the header when jumped to (scroll-margin-top).
  useEffect(() => {
    const element = bar.current;
    if (!element) return;
    const observer = new ResizeObserver(() => onHeight(element.offsetHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, [onHeight]);
  return (
    <nav ref={bar} className="section-bar" aria-label={t('customer.sections')} data-testid="customer-sections">
      {panels.map((panel) => (
        <Button
          key={panel.id}
          component={Link}
          to={{ hash: `${SECTION}${panel.id}` }}
          replace
          variant={panel.id === current ? 'light' : 'subtle'}
          aria-current={panel.id === current ? 'location' : undefined}
          size="compact-sm"
          style={{ flexShrink: 0 }}
          data-testid="customer-section-link"
          data-section={panel.id}
        >
          {t(panel.title)}
        </Button>
      ))}
    </nav>
  );
}

const FOLLOW_MS = 5000;
const READER_MOVES = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;

/**
 * Scrolls to the section the address names (#section-credit), heading focused: after a click in the
 * section bar (smoothly, unless the reader asked for less motion) and when the page is opened with
 * the fragment. Then the panels above it are still loading and push it down, so it is followed
 * until they have (a few seconds at most) or the reader scrolls or clicks himself.
 */
function useSectionInAddress(page: RefObject<HTMLElement | null>) {
  const { hash, key } = useLocation();
  const openedWith = useRef(key);
  useEffect(() => {
    if (!hash.startsWith(SECTION)) return;
    const id = hash.slice(SECTION.length);
    const section = document.getElementById(`section-${id}`);
    if (!section) return;
    const opening = key === openedWith.current;
    const still = opening || window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    section.scrollIntoView({ behavior: still ? 'instant' : 'smooth', block: 'start' });
    // Keyboard and screen-reader users land on the section too.
    document.getElementById(`panel-${id}`)?.focus({ preventScroll: true });
    if (!opening || !page.current) return;
    const follow = new ResizeObserver(() => section.scrollIntoView({ behavior: 'instant', block: 'start' }));
    follow.observe(page.current);
    const stop = () => {
      follow.disconnect();
      window.clearTimeout(timer);
      for (const type of READER_MOVES) window.removeEventListener(type, stop, true);
    };
    const timer = window.setTimeout(stop, FOLLOW_MS);
    for (const type of READER_MOVES) window.addEventListener(type, stop, { capture: true, passive: true });
    return stop;
  }, [hash, key, page]);
}

/** Panels that need nothing but the record itself: all a deleted customer still has to show. */
const OFFLINE_PANELS = new Set(['profile', 'contacts']);

function CustomerView({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const page = useRef<HTMLDivElement>(null);
  const [barHeight, setBarHeight] = useState(0);
  useSectionInAddress(page);
  const panels = (area: CustomerPanel['area']) => customerPanels(area, can).filter((panel) => !customer.deletedAt || OFFLINE_PANELS.has(panel.id));
  return (
    <Stack gap="md" data-testid="customer-360" ref={page} style={{ '--section-bar-height': `${barHeight}px` } as CSSProperties}>
      <Breadcrumbs>
        <Anchor component={Link} to="/customers" size="sm">
          {t('nav.customers')}
        </Anchor>
        <Text size="sm" truncate maw={320}>
          {customer.name}
        </Text>
      </Breadcrumbs>
      <Header customer={customer} />
      <DeletedNotice customer={customer} />
      <MergeHistory customer={customer} hideWhenEmpty />
      {!customer.deletedAt && <SectionBar panels={[...panels('side'), ...panels('main')]} onHeight={setBarHeight} />}
      {customer.deletedAt ? (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {[...panels('side'), ...panels('main')].map((panel) => (
            <PanelCard key={panel.id} panel={panel} customer={customer} />
          ))}
        </SimpleGrid>
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
            <Stack gap="md">
              {panels('side').map((panel) => (
                <PanelCard key={panel.id} panel={panel} customer={customer} />
              ))}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
            <Stack gap="md">
              {panels('main').map((panel) => (
                <PanelCard key={panel.id} panel={panel} customer={customer} />
              ))}
            </Stack>
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
