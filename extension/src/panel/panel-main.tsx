import '../styles/base.css';
import { mountView } from '../studio/mount-view.js';
import { Panel } from './panel.js';

mountView(Panel);
