import { Provider } from '@nestjs/common';
import { Logger, SecretBox } from '@whdb/core';
import { Database } from '@whdb/persistence';
import { LOGGER } from '@whdb/platform';
import { DATABASE, SECRET_BOX } from '@whdb/service-kit';
import { EncryptionUseCases } from './encryption.use-cases';

/** The use cases of `EncryptionController`. */
export const encryptionProviders: Provider[] = [
  {
    provide: EncryptionUseCases,
    inject: [DATABASE, SECRET_BOX, LOGGER],
    useFactory: (db: Database, box: SecretBox, logger: Logger) => new EncryptionUseCases(db, box, logger.child({ component: 'encryption' })),
  },
];
