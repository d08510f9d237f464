/**
 * Function names that exist only in SQL dialects (MySQL/MariaDB, PostgreSQL, SQL Server, Oracle, SQLite), written
 * from their manuals' string, JSON, date, system-information and catalog function chapters. Names shared with
 * general-purpose languages (`count`, `max`, `replace`, `print`, `char`) are left out: a call to one of these names
 * in a parameter is SQL being injected, not a code snippet.
 */
export const SQL_FUNCTION_NAMES: ReadonlySet<string> = new Set(
  // MySQL / MariaDB
  (
    'concat_ws group_concat substring_index char_length character_length octet_length bit_length ' +
    'json_extract json_unquote json_keys json_search json_valid json_contains json_overlaps json_arrayagg ' +
    'json_objectagg ifnull nullif make_set export_set find_in_set elt ucase lcase unhex conv ' +
    'inet_aton inet_ntoa inet6_aton uuid_short last_insert_id row_count found_rows connection_id ' +
    'benchmark sleep load_file extractvalue updatexml name_const geometrycollection multipoint multilinestring ' +
    'multipolygon linestring st_astext st_geomfromtext gtid_subset master_pos_wait release_lock get_lock ' +
    'is_free_lock is_used_lock from_unixtime unix_timestamp str_to_date date_format sec_to_time time_to_sec ' +
    'weight_string soundex regexp_like regexp_substr regexp_instr regexp_replace ' +
    // PostgreSQL
    'pg_sleep pg_sleep_for pg_sleep_until pg_read_file pg_read_binary_file pg_ls_dir pg_stat_file ' +
    'pg_backend_pid pg_client_encoding pg_database_size pg_relation_size current_setting set_config ' +
    'current_database current_schema current_schemas string_agg array_agg array_to_string array_upper ' +
    'jsonb_build_object json_build_object jsonb_agg json_agg jsonb_extract_path jsonb_path_query ' +
    'to_tsvector to_tsquery query_to_xml table_to_xml database_to_xml xmlagg xmlelement lo_import lo_export ' +
    'lo_get dblink dblink_exec unistr ' +
    // SQL Server
    'db_name user_name suser_name suser_sname host_name object_id object_name col_name col_length ' +
    'type_name has_dbaccess has_perms_by_name is_srvrolemember is_member openquery openrowset ' +
    'opendatasource quotename patindex charindex datediff dateadd datename datepart getdate sysdatetime ' +
    'fn_varbintohexstr fn_xe_file_target_read_file serverproperty databasepropertyex ' +
    // Oracle
    'nvl nvl2 to_char to_number to_date sys_context utl_inaddr utl_http dbms_pipe dbms_lock ' +
    'dbms_xmlgen ctxsys xmltype listagg rawtohex ' +
    // SQLite
    'sqlite_version randomblob zeroblob last_insert_rowid total_changes sqlite_compileoption_get ' +
    'sqlite_source_id likelihood unlikely load_extension'
  ).split(' '),
);
