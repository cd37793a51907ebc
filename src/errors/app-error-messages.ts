import type { LocaleMessages } from 'nest-error-contract';

/**
 * The app's messages in other languages than English (the codes' own templates in
 * app-error-codes.ts), registered through ErrorsModule.forRoot({ messages }). Every app
 * code has one, with the English message's placeholders: test/app/app-error-messages.spec.ts
 * checks both. The library ships German for its own codes.
 */
export const APP_ERROR_MESSAGES: Readonly<Record<string, LocaleMessages>> = {
  de: {
    codes: {
      // Users (60xx)
      '6001': 'Kein Benutzer hat die ID {id}.',
      '6002': 'Diese E-Mail-Adresse wird bereits verwendet.',
      '6003': 'Dieser Benutzername wird bereits verwendet.',
      '6004': 'Der Benutzername ist zu lang.',
      '6005': 'Der Benutzername enthält ungültige Zeichen. Nur Buchstaben und Ziffern sind erlaubt.',
      // Tables (61xx)
      '6101': 'Keine Tabelle hat die ID {id}.',
      '6102': 'Es gibt bereits eine Tabelle mit diesem Namen.',
      // Columns (62xx)
      '6201': 'Keine Spalte hat die ID {id}.',
      '6202': 'Es gibt bereits eine Spalte mit diesem Namen.',
      '6203': '{type} ist kein gültiger Typ.',
      '6204': 'Der Typ {type} nimmt keine Optionen an.',
      '6205': 'Der Typ {type} hat keine Option {option}.',
      '6206': '{option} muss eine ganze Zahl von {min} bis {max} sein.',
      '6207': 'Die vorhandenen Daten der Spalte können nicht in {type} umgewandelt werden.',
      // Constraints and records of user tables (63xx)
      '6301': 'Diese Tabelle hat keine Spalte {column}.',
      '6302':
        'Vorhandene Datensätze haben doppelte Werte in diesen Spalten, daher können diese nicht eindeutig gemacht werden.',
      '6303': 'Der Wert von {column} muss eine Zeichenkette, eine Zahl, ein boolescher Wert oder null sein.',
    },
  },
};
