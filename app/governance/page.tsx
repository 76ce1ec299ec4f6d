import { redirect } from 'next/navigation';
import { HOME_PATH } from '@/lib/auth/redirect';

export default function GovernancePage() {
  redirect(HOME_PATH);
}
