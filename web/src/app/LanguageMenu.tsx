import { Button, Menu } from '@mantine/core';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { notifications } from '@mantine/notifications';
import { LOCALES } from '../i18n/index.ts';
import type { Locale } from '../lib/types.ts';
import { useSetLocale } from './auth.tsx';

const NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

/** zh-CN / en; each name is written in its own language so anyone can find his. */
export function LanguageMenu() {
  const { t, i18n } = useTranslation();
  const setLocale = useSetLocale();
  const current = i18n.language as Locale;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="subtle" color="gray" size="compact-md" leftSection={<IconLanguage size={18} />} aria-label={t('language.switch')} data-testid="language-menu">
          <span lang={current}>{NAMES[current] ?? current}</span>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('language.label')}</Menu.Label>
        {LOCALES.map((locale) => (
          <Menu.Item
            key={locale}
            lang={locale}
            data-testid={`language-${locale}`}
            rightSection={locale === current ? <IconCheck size={16} /> : null}
            onClick={() =>
              setLocale(locale).catch((error: unknown) =>
                notifications.show({ color: 'red', message: error instanceof Error ? error.message : String(error) }),
              )
            }
          >
            {NAMES[locale]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
