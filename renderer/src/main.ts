import { mount } from 'svelte';
import App from './App.svelte';
import { AppState } from './lib/state/app.svelte.ts';
import { detectPlatform } from './lib/platform/platform.ts';
import './styles/theme.css';
import './styles/base.css';

mount(App, { target: document.getElementById('app')!, props: { app: new AppState(detectPlatform()) } });
