import { createTheme } from '@mui/material/styles';

// High-contrast, readable at 1280×800; a visible focus ring on everything focusable.
export const theme = createTheme({
  palette: {
    primary: { main: '#0b3d6e' },
    secondary: { main: '#8a4b08' },
    error: { main: '#b00020' },
    warning: { main: '#8a5300' },
    success: { main: '#1b5e20' },
    background: { default: '#f4f6f8' },
  },
  typography: {
    fontFamily: '"Noto Sans", "Segoe UI", Arial, sans-serif',
    fontSize: 14,
    h1: { fontSize: '1.6rem', fontWeight: 700 },
    h2: { fontSize: '1.3rem', fontWeight: 700 },
    h3: { fontSize: '1.1rem', fontWeight: 700 },
  },
  components: {
    // Ripples stay on: MUI draws the keyboard focus of radios and checkboxes with them.
    MuiTab: { styleOverrides: { root: { '&.Mui-focusVisible, &:focus-visible': { outline: '3px solid #f5a623', outlineOffset: '-3px' } } } },
    MuiCssBaseline: {
      styleOverrides: {
        '*:focus-visible': { outline: '3px solid #f5a623', outlineOffset: '2px' },
        'table td, table th': { fontVariantNumeric: 'tabular-nums' },
      },
    },
  },
});
