import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { loadConfig } from './core-api/config';
import { CoreApi } from './core-api/coreApi';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

void loadConfig().then((config) => {
  root.render(
    <StrictMode>
      <App api={new CoreApi(config.coreUrl)} imageBaseUrl={config.imageBaseUrl} />
    </StrictMode>,
  );
});
