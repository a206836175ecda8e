import '../styles/base.css';
import './rig.css';
import { render } from 'preact';
import { Rig } from './rig.js';

render(<Rig />, document.getElementById('app')!);
