import '@mantine/dates/styles.css';
import 'dayjs/locale/zh-cn';
import { useRef, useState } from 'react';
import { ActionIcon } from '@mantine/core';
import { DateInput, type DateInputProps } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export type DayInputProps = Omit<DateInputProps, 'value' | 'defaultValue' | 'onChange' | 'minDate' | 'maxDate' | 'valueFormat' | 'dateParser' | 'locale' | 'min' | 'max'> & {
  /** 'YYYY-MM-DD', or empty (''/null/undefined) for no day. */
  value?: string | null;
  /** The day chosen or typed, 'YYYY-MM-DD', or '' when cleared. */
  onChange: (value: string) => void;
  /** The first and last days that can be chosen ('YYYY-MM-DD'). */
  min?: string | null;
  max?: string | null;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

// What a clerk may type: 2024-01-05, 2024/1/5, 2024.01.05, 20240105, or the Chinese way with the
// characters for year, month and day after the numbers (escaped: the code keeps no Chinese text);
// full-width digits too.
const TYPED = [/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/, /^(\d{4})(\d{2})(\d{2})$/, /^(\d{4})\u5e74(\d{1,2})\u6708(\d{1,2})\u65e5?$/];

/** A typed day as 'YYYY-MM-DD' when it is a whole, real day (no 2024-02-30); otherwise null, so half-typed text changes nothing. */
export function parseDay(text: string): string | null {
  const typed = text.normalize('NFKC').trim();
  for (const pattern of TYPED) {
    const match = pattern.exec(typed);
    if (!match) continue;
    const day = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
    const date = new Date(`${day}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day ? day : null;
  }
  return null;
}

const dayjsLocale = (language: string) => (language.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en');

/**
 * A day, shown and typed year first (2024-01-05) in both languages, with a calendar in the interface
 * language. Replaces `<input type="date">`, whose format follows the browser's locale (01/05/2024 in
 * an English browser) rather than the app's. `data-testid` and other input props land on the text
 * input, so tests and forms treat it like a TextInput whose value is 'YYYY-MM-DD' or ''.
 *
 * `min`/`max` work as on the native input: days outside them cannot be picked in the calendar, but a
 * typed one still reaches the caller (whose check or the server's then speaks at the field), and is
 * marked here once the field is left, until it is corrected.
 *
 * The calendar opens on a click in the field, on its calendar button or on ArrowDown, not when the
 * field merely gets the focus: a clerk tabbing through a form is not shown one calendar after
 * another. Enter applies the text as it stands (a day, none, or one named as no day) before the form
 * around the field takes the Enter.
 */
export function DayInput({ value, onChange, min, max, error, clearable, getDayProps, popoverProps, onFocus, onBlur, onClick, onKeyDown, ...rest }: DayInputProps) {
  const { t, i18n } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  // 2026-03-1 is a whole day on the way to 2026-03-15: no range message while the clerk is still typing.
  const [typing, setTyping] = useState(false);
  // While typing, a part of the text can be a day of its own (2026-11-3 on the way to 2026-11-31),
  // and the calendar takes it. A text left that is no day at all is named here, and the day the
  // part gave is dropped, rather than silently keeping a day the clerk never meant.
  const [notADay, setNotADay] = useState<string | null>(null);
  // Escape first closes the calendar; only the next one may close a dialog around the field.
  const [calendarOpen, setCalendarOpen] = useState(false);
  // The month the calendar shows: the day's own, else near the range's other end (a "to" field
  // bounded by its "from" opens at that month, not at today's), else today's.
  const [shownMonth, setShownMonth] = useState<string | undefined>(undefined);
  const day = value && DAY.test(value) ? value : null;
  const first = min && DAY.test(min) ? min : null;
  const last = max && DAY.test(max) ? max : null;
  const outside = typing ? null : day && first && day < first ? t('common.day.notBefore', { day: first }) : day && last && day > last ? t('common.day.notAfter', { day: last }) : null;
  const required = Boolean(rest.required || rest.withAsterisk);
  const openCalendar = () => {
    if (rest.disabled || rest.readOnly || calendarOpen) return;
    setShownMonth(day ?? first ?? last ?? undefined);
    setCalendarOpen(true);
  };

  /**
   * The text as it stands becomes the value: its day, none when empty, or none and the text named
   * when it is no day. The caller hears it even when it seems to hold that already: what it last
   * showed may be behind what the typing sent it.
   */
  const settle = (text: string) => {
    const typed = text.trim();
    const typedDay = typed ? parseDay(typed) : null;
    setNotADay(typed && !typedDay ? typed : null);
    onChange(typedDay ?? '');
  };

  return (
    <DateInput
      ref={input}
      leftSection={
        <ActionIcon
          variant="subtle"
          color="gray"
          size="sm"
          // Reached by ArrowDown from the field; Tab goes from field to field.
          tabIndex={-1}
          aria-label={t('common.day.openCalendar')}
          disabled={rest.disabled || rest.readOnly}
          // The field keeps the focus, for typing on.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => {
            input.current?.focus();
            openCalendar();
          }}
        >
          <IconCalendar size={16} stroke={1.5} />
        </ActionIcon>
      }
      leftSectionPointerEvents="auto"
      placeholder={t('common.day.placeholder')}
      {...rest}
      value={day}
      onChange={(next) => onChange(next ?? '')}
      valueFormat="YYYY-MM-DD"
      dateParser={parseDay}
      popoverProps={{ ...popoverProps, opened: calendarOpen, onChange: setCalendarOpen }}
      date={shownMonth}
      onDateChange={setShownMonth}
      getDayProps={(date) => {
        const own = getDayProps?.(date);
        return {
          ...own,
          disabled: own?.disabled || (first !== null && date < first) || (last !== null && date > last),
          onClick: (event) => {
            own?.onClick?.(event);
            setNotADay(null);
            setCalendarOpen(false);
          },
        };
      }}
      // Emptying the text clears the day, as with the native input; the × is for optional ones.
      allowDeselect
      clearable={clearable ?? !required}
      // Tab goes from field to field; the text can be emptied by hand, the × is for the mouse.
      clearButtonProps={{ 'aria-label': t('common.day.clear'), tabIndex: -1 }}
      locale={dayjsLocale(i18n.language)}
      monthLabelFormat={t('common.day.monthLabel')}
      yearLabelFormat={t('common.day.yearLabel')}
      highlightToday
      // Days read out as they are written, 2024-01-05, rather than dayjs' '5 January 2024'.
      getDayAriaLabel={(date) => date}
      ariaLabels={{
        nextMonth: t('common.day.nextMonth'),
        previousMonth: t('common.day.previousMonth'),
        nextYear: t('common.day.nextYear'),
        previousYear: t('common.day.previousYear'),
        nextDecade: t('common.day.nextDecade'),
        previousDecade: t('common.day.previousDecade'),
        monthLevelControl: t('common.day.monthLevel'),
        yearLevelControl: t('common.day.yearLevel'),
      }}
      error={error || (notADay ? t('common.day.notADay', { text: notADay }) : null) || outside}
      data-mantine-stop-propagation={calendarOpen ? 'true' : undefined}
      onClick={(event) => {
        openCalendar();
        onClick?.(event);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setCalendarOpen(false);
        else if (event.key === 'ArrowDown' && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
          event.preventDefault();
          openCalendar();
        } else if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
          // Not prevented: a form around the field is sent next, with this day in it.
          setCalendarOpen(false);
          setTyping(false);
          settle(event.currentTarget.value);
        }
        onKeyDown?.(event);
      }}
      onFocus={(event) => {
        setTyping(true);
        onFocus?.(event);
      }}
      onBlur={(event) => {
        setTyping(false);
        setCalendarOpen(false);
        const text = event.currentTarget.value.trim();
        if (text && !parseDay(text)) settle(text);
        else setNotADay(null);
        onBlur?.(event);
      }}
    />
  );
}
