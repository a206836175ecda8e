import '../../extension/src/styles/base.css';
import { render } from 'preact';
import { SetupPage } from './setup/setup-page.js';

render(<SetupPage />, document.getElementById('app')!);
