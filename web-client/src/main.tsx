import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CoreApi } from './api';
import { App } from './App';
import { loadConfig } from './config';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

void loadConfig().then((config) => {
  root.render(
    <StrictMode>
      <App api={new CoreApi(config.coreUrl)} />
    </StrictMode>,
  );
});
