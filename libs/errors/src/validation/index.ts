// The ValidationPipe factory. Filled in by the validation work.
export {};
