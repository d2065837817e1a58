/* status.c: messages and exit codes of the status table. */
#include "quotepart/status.h"

#define QP_STATUS_MSG(name, code, msg) msg,
static const char *const messages[] = { QP_STATUS_TABLE(QP_STATUS_MSG) };
#undef QP_STATUS_MSG

#define QP_STATUS_CODE(name, code, msg) code,
static const int codes[] = { QP_STATUS_TABLE(QP_STATUS_CODE) };
#undef QP_STATUS_CODE

const char *status_message(enum status st)
{
	if ((unsigned)st >= ST__COUNT)
		return "unknown status";
	return messages[st];
}

int status_exit_code(enum status st)
{
	if ((unsigned)st >= ST__COUNT)
		return 70;
	return codes[st];
}
