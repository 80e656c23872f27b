import { render } from 'preact';
import { startApi } from './api/client.ts';
import { App } from './app.tsx';
import { startSession } from './auth/session.ts';
import { loadConfig } from './config.ts';
import { t } from './strings.ts';

const root = document.getElementById('app') as HTMLElement;
try {
  const config = await loadConfig();
  startApi(config.apiUrl);
  startSession(config);
  root.textContent = '';
  render(<App />, root);
} catch {
  root.innerHTML = '';
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = t.errors.network;
  root.append(p);
}
