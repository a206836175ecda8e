import '../styles/base.css';
import './config.css';
import { mountView } from '../studio/mount-view.js';
import { ConfigView } from './config-view.js';

mountView(ConfigView);
