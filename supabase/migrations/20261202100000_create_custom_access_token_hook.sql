-- public.custom_access_token_hook: Supabase Auth's "custom access token" hook. The auth server calls
-- it each time it issues an access token (sign-in, refresh) and signs the claims it returns.
--
-- Why: a server action checks the user's role on the console's server before it writes. With the
-- role in the token (`user_role`, as in Supabase's RBAC guide), an action needs one database round
-- trip — the write itself — instead of reading the profile first. The role in a token is at most one
-- token lifetime old; that is enough for the console's own check because the database decides last
-- from `profils` (RLS, the workflow trigger) on every request, whatever the token says.
--
-- Enabled in supabase/config.toml ([auth.hook.custom_access_token]) and by the local stack's auth
-- server; on a hosted project, enable it under Authentication → Hooks. Without it the console reads
-- the profile instead (one more round trip).
--
-- security definer: the auth server's role (supabase_auth_admin) has no grant on profils, and this
-- reads exactly one row, the user's own. Only supabase_auth_admin may execute it: no API role can
-- call it through /rest/v1/rpc.

create function public.custom_access_token_hook(event jsonb)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  profile_role text;
begin
  select p.role into profile_role
  from public.profils p
  where p.user_id = (event ->> 'user_id')::uuid;
  return jsonb_set(event, '{claims,user_role}', coalesce(to_jsonb(profile_role), 'null'::jsonb));
end;
$$;

comment on function public.custom_access_token_hook(jsonb) is
  'Auth hook: adds the user''s profils.role as the user_role claim of every access token (null without a profile).';

revoke all on function public.custom_access_token_hook(jsonb) from public, anon, authenticated, service_role;
grant usage on schema public to supabase_auth_admin;
grant execute on function public.custom_access_token_hook(jsonb) to supabase_auth_admin;
