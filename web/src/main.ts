// Entry point of the web view: styles, the API client on the page's own origin, and the controller.
import './styles.css';
import worldUrl from 'world-atlas/countries-110m.json?url';
import { createApiClient } from './api.ts';
import { ChokepointView } from './app.ts';

try {
  const view = new ChokepointView({ api: createApiClient(), worldUrl, search: location.search });
  view.start();
  // A handle for the browser console and the end-to-end tests; the view works without it.
  (window as unknown as { chokepoint: ChokepointView }).chokepoint = view;
} catch (error) {
  const status = document.getElementById('status');
  if (status) {
    const box = document.createElement('div');
    box.className = 'box error';
    box.dataset.state = 'error';
    box.textContent = `The view could not start: ${error instanceof Error ? error.message : String(error)}`;
    status.replaceChildren(box);
  }
  throw error;
}
