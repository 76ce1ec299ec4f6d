import { redirect } from 'next/navigation';
import { HOME_PATH } from '@/lib/routes';

// The proxy already sends `/` on; this covers a request it did not see.
export default function HomePage() {
  redirect(HOME_PATH);
}
