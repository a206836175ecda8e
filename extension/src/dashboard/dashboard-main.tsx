import '../styles/base.css';
import { mountView } from '../studio/mount-view.js';
import { Dashboard } from './dashboard.js';

mountView(Dashboard);
