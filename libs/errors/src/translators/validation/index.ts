import { ErrorTranslator } from '../translator';

/** Claims the validation pipe's exception. Filled in by the validation work. */
export const translateValidationError: ErrorTranslator = () => undefined;
