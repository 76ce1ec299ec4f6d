// PLACEHOLDER — generated later. Replace this whole file with the output of
//   supabase gen types typescript --local > lib/supabase/database.types.ts
// (or the local stack's equivalent) once the migrations exist. Do not edit by hand.
// Until then the schema is empty: every table and view reads as `never`, so code that queries
// the database fails to type-check rather than silently using hand-written types.

export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[];

export type Database = {
  __InternalSupabase: {
    PostgrestVersion: '12.0.2';
  };
  public: {
    Tables: Record<string, never>;
    Views: Record<string, never>;
    Functions: Record<string, never>;
    Enums: Record<string, never>;
    CompositeTypes: Record<string, never>;
  };
};
