export { meshPlugin as default } from './plugin';
