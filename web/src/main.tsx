import { render } from 'preact';
import { startApi } from './api/client.ts';
import { App } from './app.tsx';
import { resumeAfterSignOut, startSession } from './auth/session.ts';
import { loadConfig } from './config.ts';
import { t } from './strings.ts';

const root = document.getElementById('app') as HTMLElement;
try {
  const config = await loadConfig();
  startApi(config.apiUrl);
  startSession(config);
  // an account switch comes back here from the provider's sign-out, on its way to the provider's sign-in
  if (!resumeAfterSignOut()) {
    root.textContent = '';
    render(<App />, root);
  }
} catch {
  root.innerHTML = '';
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = t.errors.network;
  root.append(p);
}
