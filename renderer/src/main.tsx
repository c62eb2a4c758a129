import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { closestLanguage } from '../../shared/i18n/languages';
import { Root } from './app/Root';
import { initI18n } from './i18n/i18n';
import { detectPlatform } from './platform';
import { registerOfflineSupport } from './platform/offline';
import './styles/app.css';

const platform = detectPlatform();
if (platform.kind === 'web') registerOfflineSupport();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');

void initI18n(closestLanguage(navigator.language)).then(() => {
  createRoot(container).render(
    <StrictMode>
      <Root platform={platform} />
    </StrictMode>,
  );
});
