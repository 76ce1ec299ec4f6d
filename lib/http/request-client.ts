import 'server-only';
import { headers } from 'next/headers';
import { getServerEnv } from '@/lib/server-env';
import { clientAddressFrom } from './client-address';

/** The address of the visitor of the request being served (see clientAddressFrom), or null. */
export async function requestClientAddress(): Promise<string | null> {
  return clientAddressFrom((await headers()).get('x-forwarded-for'), getServerEnv().TRUSTED_PROXY_HOPS);
}
