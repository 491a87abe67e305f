import { Badge, createTheme } from '@mantine/core';

const fonts =
  'system-ui, -apple-system, "Segoe UI", Roboto, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif';

export const theme = createTheme({
  primaryColor: 'blue',
  fontFamily: fonts,
  headings: { fontFamily: fonts },
  defaultRadius: 'md',
  // Keyboard focus is always visible; mouse clicks do not leave rings behind.
  focusRing: 'auto',
  cursorType: 'pointer',
  components: {
    // Upper case means nothing in Chinese and makes English badges long.
    Badge: Badge.extend({ styles: { label: { textTransform: 'none' } } }),
  },
});
