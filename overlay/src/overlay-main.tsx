import './stage/stage.css';
import { render } from 'preact';
import { OverlayPage } from './overlay-page.js';

render(<OverlayPage />, document.getElementById('app')!);
