import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n } from './i18n';
import { detectTransport } from './transport';
import './styles.css';

const i18n = await initI18n();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App transport={detectTransport()} i18n={i18n} />
  </StrictMode>,
);
