import { useRef, useState, type DragEvent } from 'react';
import { Badge, Box, Button, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconFileUpload, IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ImportFileInfo } from '../../lib/types.ts';
import { ErrorAlert } from '../../app/components.tsx';
import { delimiterName, formatSize } from './labels.tsx';
import { useUploadImportFile } from './queries.ts';

export interface UploadedFile {
  info: ImportFileInfo;
  name: string;
}

/** Text, Excel and JSON Lines files; anything else is still sent and judged by the server. */
const ACCEPT = '.csv,.txt,.tsv,.xlsx,.jsonl,.ndjson,.json,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const cellText = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

/** Step 1: the file, dropped on the area or picked, then what the server read in it. */
export function UploadStep({ uploaded, onUploaded }: { uploaded: UploadedFile | null; onUploaded: (file: UploadedFile) => void }) {
  const { t } = useTranslation();
  const upload = useUploadImportFile();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [pending, setPending] = useState<File | null>(null);

  function send(file: File | undefined) {
    if (!file) return;
    setPending(file);
    upload.mutate(file, { onSuccess: (info) => onUploaded({ info, name: file.name }) });
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    if (upload.isPending) return;
    send(event.dataTransfer.files[0]);
  }

  return (
    <Stack gap="md">
      <Paper
        withBorder
        p={{ base: 'md', sm: 'xl' }}
        radius="md"
        data-testid="import-drop"
        data-dragging={dragging || undefined}
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        style={{
          borderStyle: 'dashed',
          borderWidth: 2,
          borderColor: dragging ? 'var(--mantine-primary-color-filled)' : undefined,
          background: dragging ? 'var(--mantine-primary-color-light)' : undefined,
        }}
      >
        <Stack align="center" gap="xs" ta="center">
          {upload.isPending ? <Loader size="md" aria-label={t('imports.upload.uploading')} /> : <IconFileUpload size={40} stroke={1.4} aria-hidden />}
          <Text fw={600}>{upload.isPending ? t('imports.upload.uploadingName', { name: pending?.name ?? '' }) : t('imports.upload.drop')}</Text>
          <Text size="sm" c="dimmed" maw={520}>
            {t('imports.upload.hint')}
          </Text>
          <input
            ref={input}
            type="file"
            accept={ACCEPT}
            hidden
            data-testid="import-file-input"
            aria-label={t('imports.upload.choose')}
            onChange={(event) => {
              send(event.currentTarget.files?.[0]);
              // The same file can be picked again after a fix.
              event.currentTarget.value = '';
            }}
          />
          <Button leftSection={<IconUpload size={16} />} onClick={() => input.current?.click()} loading={upload.isPending} data-testid="import-choose">
            {uploaded ? t('imports.upload.chooseOther') : t('imports.upload.choose')}
          </Button>
        </Stack>
      </Paper>

      {upload.error && <ErrorAlert error={upload.error} title={t('imports.upload.failed')} />}

      {uploaded && !upload.isPending && <FileSummary file={uploaded} />}
    </Stack>
  );
}

/** What the server found in the file: format, encoding, delimiter, columns and the first rows. */
export function FileSummary({ file }: { file: UploadedFile }) {
  const { t, i18n } = useTranslation();
  const { info } = file;
  const facts: [string, string, string][] = [
    ['name', t('imports.file.name'), file.name],
    ['size', t('imports.file.size'), formatSize(info.size, i18n.language)],
    ['format', t('imports.file.format'), t(`imports.format.${info.format}`)],
    ['encoding', t('imports.file.encoding'), info.encoding ?? '—'],
    ['delimiter', t('imports.file.delimiter'), delimiterName(t, info.delimiter)],
  ];
  return (
    <Stack gap="md" data-testid="file-summary">
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
          {facts.map(([id, label, value]) => (
            <Box key={id} miw={0}>
              <Text size="xs" c="dimmed">
                {label}
              </Text>
              <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }} data-testid={`file-${id}`}>
                {value}
              </Text>
            </Box>
          ))}
        </SimpleGrid>
      </Paper>
      <Stack gap={6}>
        <Title order={3} fz="h5">
          {t('imports.file.columns', { n: info.headers.length })}
        </Title>
        <Group gap={6} data-testid="file-columns">
          {info.headers.map((header) => (
            <Badge key={header} variant="light" color="gray" tt="none" fw={500}>
              {header}
            </Badge>
          ))}
        </Group>
      </Stack>
      <Stack gap={6}>
        <Title order={3} fz="h5">
          {t('imports.file.firstRows', { n: info.sample.length })}
        </Title>
        {info.sample.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('imports.file.noRows')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={Math.min(1200, info.headers.length * 120)}>
            <Table striped withTableBorder verticalSpacing={4} fz="sm" data-testid="file-sample">
              <Table.Thead>
                <Table.Tr>
                  {info.headers.map((header) => (
                    <Table.Th key={header} scope="col" style={{ whiteSpace: 'nowrap' }}>
                      {header}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {info.sample.map((row, i) => (
                  <Table.Tr key={i}>
                    {info.headers.map((header) => (
                      <Table.Td key={header} style={{ whiteSpace: 'nowrap', maxWidth: 260, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                        {cellText(row[header])}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Stack>
  );
}
