import createCache from '@emotion/cache';
import { CacheProvider } from '@emotion/react';
import CssBaseline from '@mui/material/CssBaseline';
import GlobalStyles from '@mui/material/GlobalStyles';
import { ThemeProvider } from '@mui/material/styles';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import regular from '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf?url';
import bold from '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf?url';
import { App } from './app/App';
import { theme } from './theme';

// The CSP allows styles only with this response's nonce: emotion puts it on every style tag.
const nonce = document.querySelector('meta[name="csp-nonce"]')?.getAttribute('content') ?? undefined;
const cache = createCache({ key: 'ws', nonce });

// Bundled fonts: the workstation makes no network requests.
const fonts = `
  @font-face { font-family: 'Noto Sans'; src: url(${regular}) format('truetype'); font-weight: 400; font-display: block; }
  @font-face { font-family: 'Noto Sans'; src: url(${bold}) format('truetype'); font-weight: 700; font-display: block; }
`;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <CacheProvider value={cache}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        <GlobalStyles styles={fonts} />
        <App />
      </ThemeProvider>
    </CacheProvider>
  </StrictMode>,
);
