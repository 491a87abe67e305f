import { useState } from 'react';
import { Alert, Anchor, Button, Group, Loader, Paper, Stack, Stepper, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowLeft, IconArrowRight, IconHistory, IconInfoCircle, IconPlayerPlay, IconRefresh, IconUsers, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.ts';
import { Link } from 'react-router';
import { isApiError } from '../../lib/api.ts';
import type { ImportPreview, ImportRequestBody, ImportStarted } from '../../lib/types.ts';
import { ErrorAlert, usePageTitle } from '../../app/components.tsx';
import { localErrors, MappingStep, type ImportSettings, type SettingsErrors } from './MappingStep.tsx';
import { controlErrors, controlTotals, NO_CONTROL, PreviewStep, type ControlErrors, type ControlInput } from './PreviewStep.tsx';
import { RunStatusBadge } from './labels.tsx';
import { useImportPreview, useImportRun, useStartImport } from './queries.ts';
import { ErrorReportLink, RunControl, RunCounts, RunOutcome, RunQuarantineNotice, RunRatesNotice } from './RunSummary.tsx';
import { UploadStep, type UploadedFile } from './UploadStep.tsx';

const NO_ERRORS: SettingsErrors = { columns: {}, mapping: [] };

/** Server answers about the request placed where they belong: at a column's select, the mapping, an option, a control total; the rest as a whole. */
function placeErrors(error: unknown): { errors: SettingsErrors; control: ControlErrors; rest: unknown } {
  if (!isApiError(error) || error.status !== 400 || error.errors.length === 0) return { errors: NO_ERRORS, control: {}, rest: error };
  const errors: SettingsErrors = { columns: {}, mapping: [] };
  const control: ControlErrors = {};
  let unplaced = false;
  for (const problem of error.errors) {
    if (problem.field === 'body.controlTotals.rows') control.rows ??= problem.message;
    else if (problem.field === 'body.controlTotals.amountSum') control.amountSum ??= problem.message;
    else if (problem.field.startsWith('body.mapping.')) errors.columns[problem.field.slice('body.mapping.'.length)] ??= problem.message;
    else if (problem.field === 'body.mapping') errors.mapping.push(problem.message);
    else if (problem.field === 'body.options.sourceSystem') errors.sourceSystem = problem.message;
    else if (problem.field === 'body.options.orgUnitId') errors.orgUnitId = problem.message;
    else unplaced = true;
  }
  return { errors, control, rest: unplaced ? error : null };
}

/** Step 4: the run as it goes, then its figures; a file loaded before is explained and can be loaded again. */
function RunStep({ started, onForce, forcing, forceError }: { started: ImportStarted; onForce: () => void; forcing: boolean; forceError: unknown }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useImportRun(started.run.id, started.run);
  const run = query.data ?? started.run;
  return (
    <Stack gap="md" data-testid="import-run" data-status={run.status}>
      {started.alreadyImported && (
        <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} title={t('imports.run.alreadyTitle')} data-testid="already-imported">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{t('imports.run.alreadyBody', { at: format.dateTime(run.startedAt), id: run.id })}</Text>
            <Button variant="light" size="sm" leftSection={<IconRefresh size={16} />} onClick={onForce} loading={forcing} data-testid="import-force">
              {t('imports.run.loadAgain')}
            </Button>
          </Stack>
        </Alert>
      )}
      {forceError ? <ErrorAlert error={forceError} /> : null}
      <Group gap="sm">
        <Title order={3} fz="h4">
          {t('imports.run.title', { id: run.id })}
        </Title>
        <RunStatusBadge status={run.status} />
        {run.status === 'running' && <Loader size="xs" aria-label={t('imports.run.running')} />}
      </Group>
      {run.status === 'running' && (
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('imports.run.runningHint')}
        </Text>
      )}
      <RunCounts run={run} />
      <RunOutcome run={run} />
      <RunQuarantineNotice run={run} />
      <RunRatesNotice run={run} />
      <RunControl run={run} />
      {query.error && <ErrorAlert error={query.error} />}
      <Group gap="md">
        <ErrorReportLink run={run} />
      </Group>
    </Stack>
  );
}

export default function ImportWizardPage() {
  const { t } = useTranslation();
  usePageTitle(t('imports.wizard.title'));
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const [active, setActive] = useState(0);
  const [file, setFile] = useState<UploadedFile | null>(null);
  const [settings, setSettings] = useState<ImportSettings>({ target: 'customers', mapping: {}, sourceSystem: '', policy: 'reject_file', orgUnitId: null, debtSign: 'positive', profileId: null });
  const [serverErrors, setServerErrors] = useState<SettingsErrors>(NO_ERRORS);
  const [failure, setFailure] = useState<unknown>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [started, setStarted] = useState<ImportStarted | null>(null);
  const previewing = useImportPreview();
  const starting = useStartImport();
  const startedRun = useImportRun(started?.run.id ?? null, started?.run).data;
  // Once the run has ended the last step is done: the stepper moves past it, so it gets its mark (a cross when nothing was loaded).
  const endedRun = started && startedRun?.id === started.run.id && startedRun.status !== 'running' ? startedRun : null;
  const runFailed = endedRun?.status === 'rejected' || endedRun?.status === 'failed';
  const [forceError, setForceError] = useState<unknown>(null);
  const [control, setControl] = useState<ControlInput>(NO_CONTROL);
  const [controlServerErrors, setControlServerErrors] = useState<ControlErrors>({});
  const controlLocal = controlErrors(control, settings.target, t);
  const controlProblems: ControlErrors = { ...controlServerErrors, ...controlLocal };

  const local = localErrors(settings, t);
  const errors: SettingsErrors = {
    columns: { ...serverErrors.columns, ...local.columns },
    mapping: serverErrors.mapping,
    sourceSystem: local.sourceSystem ?? serverErrors.sourceSystem,
    orgUnitId: serverErrors.orgUnitId,
  };
  const blocked = Object.keys(local.columns).length > 0 || !!local.sourceSystem || Object.keys(settings.mapping).length === 0;

  function uploaded(next: UploadedFile) {
    setFile(next);
    setControl(NO_CONTROL);
    setControlServerErrors({});
    // A file of transactions opens as transactions: the target its headers suggest, mapped as they suggest.
    setSettings((s) => {
      const target = next.info.suggestedTarget ?? s.target;
      return { ...s, target, mapping: { ...(next.info.suggested[target] ?? {}) }, profileId: null };
    });
    setServerErrors(NO_ERRORS);
    setFailure(null);
    setPreview(null);
    setStarted(null);
  }

  function change(patch: Partial<ImportSettings>) {
    setSettings((s) => ({ ...s, ...patch }));
    setPreview(null);
    // A changed input no longer carries the server's verdict on its old value.
    setServerErrors((e) => {
      const next: SettingsErrors = { ...e, columns: { ...e.columns } };
      if (patch.mapping || patch.target) {
        const before = settings.mapping;
        for (const column of Object.keys(next.columns)) if (patch.target || before[column] !== patch.mapping?.[column]) delete next.columns[column];
        next.mapping = [];
      }
      if (patch.sourceSystem !== undefined) delete next.sourceSystem;
      if (patch.orgUnitId !== undefined) delete next.orgUnitId;
      return next;
    });
  }

  function changeControl(next: ControlInput) {
    setControl(next);
    setControlServerErrors((e) => ({ ...(next.rows === control.rows ? { rows: e.rows } : {}), ...(next.amountSum === control.amountSum ? { amountSum: e.amountSum } : {}) }));
  }

  function body(force = false): ImportRequestBody {
    const source = settings.sourceSystem.trim();
    const totals = controlTotals(control, settings.target);
    return {
      fileId: file!.info.fileId,
      fileName: file!.name,
      target: settings.target,
      mapping: settings.mapping,
      policy: settings.policy,
      options: {
        ...(source ? { sourceSystem: source } : {}),
        ...(settings.target === 'customers' && settings.orgUnitId ? { orgUnitId: Number(settings.orgUnitId) } : {}),
        ...(settings.target === 'holdings' && settings.debtSign === 'negative' ? { debtSign: 'negative' as const } : {}),
      },
      ...(force ? { force: true } : {}),
      ...(totals ? { controlTotals: totals } : {}),
    };
  }

  function failed(error: unknown) {
    const placed = placeErrors(error);
    setServerErrors(placed.errors);
    setControlServerErrors(placed.control);
    setFailure(placed.rest);
    // Only the control totals were wrong: they are on the preview step, where the import starts.
    const settingsWrong = Object.keys(placed.errors.columns).length > 0 || placed.errors.mapping.length > 0 || !!placed.errors.sourceSystem || !!placed.errors.orgUnitId;
    if (placed.rest === null) setActive(settingsWrong ? 1 : 2);
  }

  function runPreview() {
    if (blocked) return;
    setFailure(null);
    previewing.mutate(body(), {
      onSuccess: (result) => {
        setServerErrors(NO_ERRORS);
        setPreview(result);
        setActive(2);
      },
      onError: failed,
    });
  }

  function start(force = false) {
    setFailure(null);
    setForceError(null);
    starting.mutate(body(force), {
      onSuccess: (result) => {
        setStarted(result);
        setActive(3);
      },
      onError: (error) => (force ? setForceError(error) : failed(error)),
    });
  }

  function restart() {
    setActive(0);
    setFile(null);
    setPreview(null);
    setStarted(null);
    setFailure(null);
    setServerErrors(NO_ERRORS);
    setControl(NO_CONTROL);
    setControlServerErrors({});
    setSettings((s) => ({ ...s, mapping: {}, profileId: null }));
  }

  const running = started !== null;
  const runStep = started && <RunStep started={started} onForce={() => start(true)} forcing={starting.isPending} forceError={forceError} />;
  const canReach = (step: number) => !running && step < active;

  return (
    <Stack gap="md" data-testid="import-wizard">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Stack gap={2}>
          <Title order={1} fz="h2">
            {t('imports.wizard.title')}
          </Title>
          <Text size="sm" c="dimmed" maw={760}>
            {t('imports.wizard.intro')}
          </Text>
        </Stack>
        <Button component={Link} to="/imports" variant="default" leftSection={<IconHistory size={16} />}>
          {t('imports.history.title')}
        </Button>
      </Group>

      <Paper withBorder p={{ base: 'sm', sm: 'lg' }}>
        <Stepper
          active={active === 3 && endedRun ? 4 : active}
          onStepClick={(step) => canReach(step) && setActive(step)}
          orientation={phone ? 'vertical' : 'horizontal'}
          size="sm"
          allowNextStepsSelect={false}
          data-testid="import-stepper"
        >
          <Stepper.Step label={t('imports.steps.upload')} description={t('imports.steps.uploadHint')} allowStepSelect={canReach(0)}>
            <UploadStep uploaded={file} onUploaded={uploaded} />
          </Stepper.Step>
          <Stepper.Step label={t('imports.steps.mapping')} description={t('imports.steps.mappingHint')} allowStepSelect={canReach(1)}>
            {file && <MappingStep file={file} settings={settings} errors={errors} onChange={change} />}
          </Stepper.Step>
          <Stepper.Step label={t('imports.steps.preview')} description={t('imports.steps.previewHint')} allowStepSelect={canReach(2)}>
            {file && preview && (
              <PreviewStep preview={preview} settings={settings} headers={file.info.headers} control={control} controlErrors={controlProblems} onControlChange={changeControl} />
            )}
          </Stepper.Step>
          <Stepper.Step
            label={t('imports.steps.run')}
            description={t('imports.steps.runHint')}
            allowStepSelect={false}
            color={runFailed ? 'red' : undefined}
            completedIcon={runFailed ? <IconX size={16} /> : undefined}
            data-testid="import-step-run"
            data-outcome={endedRun?.status}
          >
            {runStep}
          </Stepper.Step>
          <Stepper.Completed>{runStep}</Stepper.Completed>
        </Stepper>

        {failure ? (
          <Stack mt="md">
            <ErrorAlert error={failure} />
          </Stack>
        ) : null}

        <Group justify="space-between" mt="xl" gap="sm" wrap="wrap">
          {active > 0 && !running ? (
            <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => setActive(active - 1)} data-testid="import-back">
              {t('imports.wizard.back')}
            </Button>
          ) : (
            <span />
          )}
          {active === 0 && (
            <Button rightSection={<IconArrowRight size={16} />} disabled={!file} onClick={() => setActive(1)} data-testid="import-next">
              {t('imports.wizard.toMapping')}
            </Button>
          )}
          {active === 1 && (
            <Button rightSection={<IconArrowRight size={16} />} disabled={blocked} loading={previewing.isPending} onClick={runPreview} data-testid="import-preview">
              {t('imports.wizard.toPreview')}
            </Button>
          )}
          {active === 2 && (
            <Button
              leftSection={<IconPlayerPlay size={16} />}
              loading={starting.isPending}
              disabled={Object.keys(controlLocal).length > 0}
              onClick={() => start(false)}
              data-testid="import-start"
            >
              {t('imports.wizard.start')}
            </Button>
          )}
          {active === 3 && (
            <Group gap="sm">
              {settings.target === 'customers' && (
                <Anchor component={Link} to="/customers" size="sm">
                  <Group gap={4} component="span" wrap="nowrap">
                    <IconUsers size={16} />
                    {t('imports.wizard.toCustomers')}
                  </Group>
                </Anchor>
              )}
              <Button variant="default" component={Link} to="/imports" data-testid="import-to-history">
                {t('imports.history.title')}
              </Button>
              <Button onClick={restart} data-testid="import-another">
                {t('imports.wizard.another')}
              </Button>
            </Group>
          )}
        </Group>
      </Paper>
    </Stack>
  );
}
