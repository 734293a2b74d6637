export { CommandError } from '../shared/contract';
