import { mount } from 'svelte';
import App from './App.svelte';
import { AppState } from './lib/state/app.svelte.ts';
import { detectPlatform } from './lib/platform/platform.ts';
// After App: the shared styles come after the components' in the bundle, so they win where specificity ties.
import './styles/theme.css';
import './styles/base.css';
import './styles/card.css';
import './styles/data-table.css';
import './styles/network-drawing.css';

mount(App, { target: document.getElementById('app')!, props: { app: new AppState(detectPlatform()) } });
