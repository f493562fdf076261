import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './app/base.css';
import './app/app.css';
import './ui/forms.css';
import './ui/widgets.css';
import { setToken } from './api/client';
import { App } from './app/App';
import { storedToken } from './auth/session';
import { prefetchLinkedStudy } from './imaging/usePrefetchStudies';

// Before the first render (and the page's own chunks): a linked study's first picture and slice.
setToken(storedToken());
prefetchLinkedStudy();

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
