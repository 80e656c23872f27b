import { render } from 'preact';
import { startApi } from './api/client.ts';
import { App } from './app.tsx';
import { resumeAfterSignOut, startSession } from './auth/session.ts';
import { config as loadingConfig } from './preview-early.ts';
import { t } from './strings.ts';

const root = document.getElementById('app') as HTMLElement;
try {
  // the deployment's config.json (one build serves every deployment), fetched as the page loads
  const config = await loadingConfig;
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
