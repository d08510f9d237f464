/**
 * PHP functions an injected snippet calls to run commands or code, read and write files, open sockets, decode
 * hidden payloads or disclose the environment, written from the PHP manual's function families (program execution,
 * filesystem, streams, network, zlib/bzip2, variable handling, options/info, POSIX, function handling). Names that
 * are English words are in {@link ENGLISH_PHP_FUNCTION_NAMES}.
 */
export const PHP_FUNCTION_NAMES: ReadonlySet<string> = new Set(
  // program execution and code evaluation
  (
    'shell_exec passthru popen pclose proc_open proc_close proc_get_status proc_nice proc_terminate pcntl_exec ' +
    'pcntl_fork pcntl_signal pcntl_alarm escapeshellcmd escapeshellarg create_function call_user_func ' +
    'call_user_func_array forward_static_call forward_static_call_array func_get_args register_shutdown_function ' +
    'register_tick_function preg_replace preg_replace_callback preg_replace_callback_array mb_ereg_replace ' +
    'mb_eregi_replace ereg_replace eregi_replace assert_options array_map array_filter array_walk ' +
    'array_walk_recursive array_reduce usort uasort uksort iterator_apply spl_autoload_register ob_start ' +
    'set_error_handler set_exception_handler runkit_function_add highlight_string ' +
    // decoding and obfuscation
    'base64_decode base64_encode gzinflate gzdeflate gzuncompress gzcompress gzdecode gzencode zlib_decode ' +
    'zlib_encode bzdecompress bzcompress lzf_decompress str_rot13 convert_uudecode convert_uuencode hex2bin ' +
    'bin2hex strrev chr ord pack unpack urldecode rawurldecode htmlspecialchars_decode html_entity_decode ' +
    'str_replace str_ireplace substr_replace strtr sprintf vsprintf printf vprintf implode explode strip_tags ' +
    'addslashes stripslashes intval floatval strval settype gettype var_export var_dump print_r debug_zval_dump ' +
    'serialize unserialize json_decode json_encode is_array is_string is_callable function_exists class_exists ' +
    'method_exists get_defined_vars get_defined_functions get_defined_constants get_declared_classes ' +
    'get_loaded_extensions compact extract parse_str define constant ' +
    // files and streams
    'file_get_contents file_put_contents fopen fread fwrite fputs fgets fgetc fgetss fgetcsv fputcsv fpassthru ' +
    'fclose fflush ftruncate flock fseek readfile file_exists is_file is_dir is_readable is_writable ' +
    'is_writeable is_executable is_link filegroup fileowner fileperms filesize filemtime fileatime filectime ' +
    'fileinode filetype unlink rmdir mkdir tempnam tmpfile touch chmod chown chgrp lchown lchgrp symlink link ' +
    'readlink realpath glob scandir opendir readdir closedir rewinddir dir getcwd chdir chroot ' +
    'move_uploaded_file is_uploaded_file copy rename parse_ini_file parse_ini_string highlight_file ' +
    'show_source php_strip_whitespace stream_get_contents stream_socket_client stream_socket_server ' +
    'stream_context_create stream_wrapper_register stream_filter_append ' +
    // network
    'fsockopen pfsockopen socket_create socket_connect socket_bind socket_listen curl_init curl_exec ' +
    'curl_multi_exec curl_setopt gethostbyname gethostbynamel dns_get_record ftp_connect ftp_get ftp_put ' +
    'ldap_connect ldap_search ldap_get_entries mail imap_open ' +
    // environment and configuration
    'phpinfo phpversion php_uname php_sapi_name php_ini_loaded_file getenv putenv ini_set ini_get ini_get_all ' +
    'ini_restore ini_alter set_include_path get_include_path get_current_user getmyuid getmygid getmypid ' +
    'getmyinode getlastmod sys_get_temp_dir disk_free_space disk_total_space dl ' +
    'posix_getpwuid posix_getpwnam posix_getgrgid posix_getuid posix_geteuid posix_getgid posix_getegid ' +
    'posix_kill posix_mkfifo posix_setuid posix_setgid posix_uname posix_getcwd posix_ttyname ' +
    'apache_setenv apache_request_headers getallheaders session_start session_id ' +
    // databases
    'mysql_query mysqli_query mysqli_connect pg_query pg_connect sqlite_query odbc_exec odbc_connect ' +
    'pg_enter_pipeline_mode'
  ).split(' '),
);

/** PHP functions whose names are English words: they count only with a PHP-looking argument. */
export const ENGLISH_PHP_FUNCTION_NAMES: ReadonlySet<string> = new Set(
  'system exec eval assert file include include_once require require_once copy rename mail header extract glob dir link touch define constant compact print echo list each count reset end key next current'.split(
    ' ',
  ),
);

/** The functions that execute commands or code: with these, any way of calling them is an attack. */
export const PHP_EXECUTION_FUNCTION_NAMES: ReadonlySet<string> = new Set(
  'system exec shell_exec passthru popen proc_open pcntl_exec eval assert create_function call_user_func call_user_func_array phpinfo include require'.split(
    ' ',
  ),
);

/**
 * php.ini directives that change what the interpreter allows (remote includes, prepended files, disabled
 * functions, limits): `name=value` in a parameter is an attempt to override the configuration (CGI argument
 * injection, `.user.ini` and `.htaccess` uploads).
 */
export const PHP_INI_DIRECTIVES: ReadonlySet<string> = new Set(
  (
    'allow_url_include allow_url_fopen auto_prepend_file auto_append_file disable_functions disable_classes ' +
    'open_basedir memory_limit max_execution_time max_input_time post_max_size upload_max_filesize ' +
    'upload_tmp_dir file_uploads extension extension_dir zend_extension engine precision smtp smtp_port ' +
    'sendmail_path sendmail_from display_errors display_startup_errors log_errors error_log error_reporting ' +
    'html_errors include_path doc_root user_dir cgi.force_redirect cgi.fix_pathinfo short_open_tag ' +
    'expose_php enable_dl register_globals safe_mode magic_quotes_gpc session.save_path session.save_handler ' +
    'session.serialize_handler session.upload_progress.enabled unserialize_max_depth ' +
    'unserialize_callback_func assert.active zend.assertions variables_order request_order default_charset ' +
    'output_handler user_ini.filename mail.log'
  ).split(' '),
);
