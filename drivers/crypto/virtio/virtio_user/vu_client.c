/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "virtio_crypto_log.h"
#include "vu_client.h"

/* Header flags (vhost-user specification, "Message Specification"). */
#define VU_FLAG_VERSION    0x1
#define VU_FLAG_REPLY      (1u << 2)
#define VU_FLAG_NEED_REPLY (1u << 3)

/** Seconds to wait for a reply before giving up on the back-end. */
#define VU_REPLY_TIMEOUT_S 5

struct vu_hdr {
	uint32_t request;
	uint32_t flags;
	uint32_t size;
} __attribute__((packed));

struct vu_vring_state {
	uint32_t index;
	uint32_t num;
};

struct vu_vring_addr {
	uint32_t index;
	uint32_t flags;
	uint64_t desc;
	uint64_t used;
	uint64_t avail;
	uint64_t log;
};

struct vu_mem_region {
	uint64_t guest_phys_addr;
	uint64_t memory_size;
	uint64_t userspace_addr;
	uint64_t mmap_offset;
};

struct vu_mem {
	uint32_t nregions;
	uint32_t padding;
	struct vu_mem_region regions[VCRYPTO_VU_MAX_REGIONS];
};

struct vu_config {
	uint32_t offset;
	uint32_t size;
	uint32_t flags;
	uint8_t region[VCRYPTO_VU_MAX_CONFIG];
};

union vu_payload {
	uint64_t u64;
	struct vu_vring_state state;
	struct vu_vring_addr addr;
	struct vu_mem mem;
	struct vu_config cfg;
	uint8_t raw[VCRYPTO_VU_MAX_SESSION_PAYLOAD];
};

const char *
vcrypto_vu_req_str(uint32_t req)
{
	switch (req) {
	case VHOST_USER_GET_FEATURES: return "GET_FEATURES";
	case VHOST_USER_SET_FEATURES: return "SET_FEATURES";
	case VHOST_USER_SET_OWNER: return "SET_OWNER";
	case VHOST_USER_SET_MEM_TABLE: return "SET_MEM_TABLE";
	case VHOST_USER_SET_VRING_NUM: return "SET_VRING_NUM";
	case VHOST_USER_SET_VRING_ADDR: return "SET_VRING_ADDR";
	case VHOST_USER_SET_VRING_BASE: return "SET_VRING_BASE";
	case VHOST_USER_GET_VRING_BASE: return "GET_VRING_BASE";
	case VHOST_USER_SET_VRING_KICK: return "SET_VRING_KICK";
	case VHOST_USER_SET_VRING_CALL: return "SET_VRING_CALL";
	case VHOST_USER_GET_PROTOCOL_FEATURES: return "GET_PROTOCOL_FEATURES";
	case VHOST_USER_SET_PROTOCOL_FEATURES: return "SET_PROTOCOL_FEATURES";
	case VHOST_USER_GET_QUEUE_NUM: return "GET_QUEUE_NUM";
	case VHOST_USER_SET_VRING_ENABLE: return "SET_VRING_ENABLE";
	case VHOST_USER_GET_CONFIG: return "GET_CONFIG";
	case VHOST_USER_CREATE_CRYPTO_SESSION: return "CREATE_CRYPTO_SESSION";
	case VHOST_USER_CLOSE_CRYPTO_SESSION: return "CLOSE_CRYPTO_SESSION";
	default: return "?";
	}
}

int
vcrypto_vu_connect(struct vcrypto_vu_client *c, const char *path, bool quiet)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct timeval tv = { .tv_sec = VU_REPLY_TIMEOUT_S };
	int fd, err;

	c->fd = -1;
	c->reply_ack = false;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		VC_LOG(ERR, "vhost-user socket path too long: %s", path);
		return -ENAMETOOLONG;
	}
	snprintf(c->path, sizeof(c->path), "%s", path);
	memcpy(sun.sun_path, path, strlen(path) + 1);

	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		err = errno;
		VC_LOG(ERR, "socket(AF_UNIX): %s", strerror(err));
		return -err;
	}
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
		err = errno;
		if (quiet)
			VC_LOG(DEBUG, "%s: connect: %s", path, strerror(err));
		else
			VC_LOG(ERR, "cannot connect to vhost-user socket %s: %s (errno %d); "
				"is the back-end running?", path, strerror(err), err);
		close(fd);
		return -err;
	}
	/* A back-end that stops answering must not hang the driver. */
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	c->fd = fd;
	return 0;
}

void
vcrypto_vu_close(struct vcrypto_vu_client *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

static int
vu_send(struct vcrypto_vu_client *c, uint32_t req, uint32_t flags,
		const void *payload, uint32_t size, const int *fds, unsigned int nfds)
{
	struct vu_hdr hdr = { .request = req, .flags = VU_FLAG_VERSION | flags,
			      .size = size };
	char control[CMSG_SPACE(VCRYPTO_VU_MAX_REGIONS * sizeof(int))];
	struct iovec iov[2] = {
		{ .iov_base = &hdr, .iov_len = sizeof(hdr) },
		{ .iov_base = (void *)(uintptr_t)payload, .iov_len = size },
	};
	struct msghdr msg = { .msg_iov = iov, .msg_iovlen = size ? 2 : 1 };
	ssize_t ret;

	if (c->fd < 0)
		return -ENOTCONN;
	if (nfds > 0) {
		struct cmsghdr *cmsg;

		memset(control, 0, sizeof(control));
		msg.msg_control = control;
		msg.msg_controllen = CMSG_SPACE(nfds * sizeof(int));
		cmsg = CMSG_FIRSTHDR(&msg);
		cmsg->cmsg_level = SOL_SOCKET;
		cmsg->cmsg_type = SCM_RIGHTS;
		cmsg->cmsg_len = CMSG_LEN(nfds * sizeof(int));
		memcpy(CMSG_DATA(cmsg), fds, nfds * sizeof(int));
	}
	do {
		ret = sendmsg(c->fd, &msg, MSG_NOSIGNAL);
	} while (ret < 0 && errno == EINTR);
	if (ret < 0) {
		int err = errno;

		VC_LOG(ERR, "%s: sending %s: %s", c->path, vcrypto_vu_req_str(req),
			strerror(err));
		return -err;
	}
	if ((size_t)ret != sizeof(hdr) + size) {
		VC_LOG(ERR, "%s: short write of %s", c->path, vcrypto_vu_req_str(req));
		return -EIO;
	}
	return 0;
}

static int
read_full(int fd, void *buf, size_t len)
{
	uint8_t *p = buf;

	while (len > 0) {
		ssize_t r = recv(fd, p, len, 0);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return errno == EAGAIN || errno == EWOULDBLOCK ? -ETIMEDOUT : -errno;
		if (r == 0)
			return -ECONNRESET;
		p += r;
		len -= (size_t)r;
	}
	return 0;
}

/*
 * Read the reply to @p req; its payload must be exactly @p size bytes, or
 * @p alt bytes (0: no alternative), whose size then goes to *got.
 */
static int
vu_recv_alt(struct vcrypto_vu_client *c, uint32_t req, void *payload, uint32_t size,
		uint32_t alt, uint32_t *got)
{
	struct vu_hdr hdr;
	union vu_payload body;
	int ret;

	ret = read_full(c->fd, &hdr, sizeof(hdr));
	if (ret == 0 && hdr.size > sizeof(body))
		ret = -EMSGSIZE;
	if (ret == 0)
		ret = read_full(c->fd, &body, hdr.size);
	if (ret < 0) {
		VC_LOG(ERR, "%s: no reply to %s: %s", c->path, vcrypto_vu_req_str(req),
			strerror(-ret));
		return ret;
	}
	if (hdr.request != req || !(hdr.flags & VU_FLAG_REPLY) ||
	    (hdr.flags & 0x3) != VU_FLAG_VERSION ||
	    (hdr.size != size && (alt == 0 || hdr.size != alt))) {
		VC_LOG(ERR, "%s: bad reply to %s (request %u, flags %#x, size %u, want %u)",
			c->path, vcrypto_vu_req_str(req), hdr.request, hdr.flags,
			hdr.size, size);
		return -EPROTO;
	}
	memcpy(payload, &body, hdr.size);
	if (got != NULL)
		*got = hdr.size;
	return 0;
}

/* Read the reply to @p req; its payload must be exactly @p size bytes. */
static int
vu_recv(struct vcrypto_vu_client *c, uint32_t req, void *payload, uint32_t size)
{
	return vu_recv_alt(c, req, payload, size, 0, NULL);
}

/* Send a request that has no reply of its own; with REPLY_ACK, wait for the
 * back-end's verdict so a refused setting fails here, not later. */
static int
vu_set(struct vcrypto_vu_client *c, uint32_t req, const void *payload,
		uint32_t size, const int *fds, unsigned int nfds)
{
	uint64_t ack;
	int ret;

	ret = vu_send(c, req, c->reply_ack ? VU_FLAG_NEED_REPLY : 0, payload, size,
		      fds, nfds);
	if (ret < 0 || !c->reply_ack)
		return ret;
	ret = vu_recv(c, req, &ack, sizeof(ack));
	if (ret < 0)
		return ret;
	if (ack != 0) {
		VC_LOG(ERR, "%s: back-end refused %s (reply %" PRIu64 ")", c->path,
			vcrypto_vu_req_str(req), ack);
		return -EIO;
	}
	return 0;
}

int
vcrypto_vu_set_owner(struct vcrypto_vu_client *c)
{
	return vu_set(c, VHOST_USER_SET_OWNER, NULL, 0, NULL, 0);
}

int
vcrypto_vu_get_u64(struct vcrypto_vu_client *c, uint32_t req, uint64_t *val)
{
	int ret = vu_send(c, req, 0, NULL, 0, NULL, 0);

	return ret < 0 ? ret : vu_recv(c, req, val, sizeof(*val));
}

int
vcrypto_vu_set_u64(struct vcrypto_vu_client *c, uint32_t req, uint64_t val)
{
	return vu_set(c, req, &val, sizeof(val), NULL, 0);
}

int
vcrypto_vu_get_config(struct vcrypto_vu_client *c, uint32_t offset,
		uint32_t size, void *buf)
{
	struct vu_config cfg = { .offset = offset, .size = size };
	uint32_t len = offsetof(struct vu_config, region) + size, got;
	int ret;

	if (size > VCRYPTO_VU_MAX_CONFIG)
		return -EINVAL;
	/*
	 * A back-end that answers GET_CONFIG ignores NEED_REPLY (the request
	 * has a reply of its own); one that cannot answer sends a failed
	 * acknowledgement where it would otherwise drop the connection.
	 */
	ret = vu_send(c, VHOST_USER_GET_CONFIG, c->reply_ack ? VU_FLAG_NEED_REPLY : 0,
		      &cfg, len, NULL, 0);
	if (ret < 0)
		return ret;
	ret = vu_recv_alt(c, VHOST_USER_GET_CONFIG, &cfg, len,
			  c->reply_ack ? sizeof(uint64_t) : 0, &got);
	if (ret < 0)
		return ret;
	if (got == sizeof(uint64_t) && got != len) {
		VC_LOG(DEBUG, "%s: back-end has no config space (GET_CONFIG refused)",
			c->path);
		return -ENODATA;
	}
	if (cfg.size != size) {
		VC_LOG(ERR, "%s: GET_CONFIG answered %u bytes, want %u", c->path,
			cfg.size, size);
		return -EPROTO;
	}
	memcpy(buf, cfg.region, size);
	return 0;
}

int
vcrypto_vu_set_mem_table(struct vcrypto_vu_client *c,
		const struct vcrypto_vu_region *r, unsigned int n)
{
	struct vu_mem mem = { .nregions = n };
	int fds[VCRYPTO_VU_MAX_REGIONS];
	unsigned int i;

	if (n == 0 || n > VCRYPTO_VU_MAX_REGIONS)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		mem.regions[i].guest_phys_addr = r[i].addr;
		mem.regions[i].userspace_addr = r[i].addr;
		mem.regions[i].memory_size = r[i].size;
		mem.regions[i].mmap_offset = r[i].offset;
		fds[i] = r[i].fd;
	}
	return vu_set(c, VHOST_USER_SET_MEM_TABLE, &mem,
		      offsetof(struct vu_mem, regions) + n * sizeof(mem.regions[0]),
		      fds, n);
}

int
vcrypto_vu_set_vring_state(struct vcrypto_vu_client *c, uint32_t req,
		uint32_t index, uint32_t num)
{
	struct vu_vring_state st = { .index = index, .num = num };

	return vu_set(c, req, &st, sizeof(st), NULL, 0);
}

int
vcrypto_vu_get_vring_base(struct vcrypto_vu_client *c, uint32_t index, uint32_t *base)
{
	struct vu_vring_state st = { .index = index };
	int ret;

	ret = vu_send(c, VHOST_USER_GET_VRING_BASE, 0, &st, sizeof(st), NULL, 0);
	if (ret == 0)
		ret = vu_recv(c, VHOST_USER_GET_VRING_BASE, &st, sizeof(st));
	if (ret == 0 && st.index != index) {
		VC_LOG(ERR, "%s: GET_VRING_BASE of vring %u answered for vring %u",
			c->path, index, st.index);
		ret = -EPROTO;
	}
	if (ret == 0)
		*base = st.num;
	return ret;
}

int
vcrypto_vu_set_vring_addr(struct vcrypto_vu_client *c, uint32_t index,
		uint64_t desc, uint64_t avail, uint64_t used)
{
	struct vu_vring_addr a = { .index = index, .desc = desc, .avail = avail,
				   .used = used };

	return vu_set(c, VHOST_USER_SET_VRING_ADDR, &a, sizeof(a), NULL, 0);
}

int
vcrypto_vu_set_vring_fd(struct vcrypto_vu_client *c, uint32_t req,
		uint32_t index, int fd)
{
	/* Bit 8 would say "no fd, poll instead"; we always pass one. */
	uint64_t val = index & 0xff;

	return vu_set(c, req, &val, sizeof(val), &fd, 1);
}

int
vcrypto_vu_create_crypto_session(struct vcrypto_vu_client *c, void *payload, uint32_t len)
{
	int ret;

	if (len > VCRYPTO_VU_MAX_SESSION_PAYLOAD)
		return -EINVAL;
	ret = vu_send(c, VHOST_USER_CREATE_CRYPTO_SESSION, 0, payload, len, NULL, 0);
	return ret < 0 ? ret : vu_recv(c, VHOST_USER_CREATE_CRYPTO_SESSION, payload, len);
}

int
vcrypto_vu_close_crypto_session(struct vcrypto_vu_client *c, uint64_t session_id)
{
	return vu_set(c, VHOST_USER_CLOSE_CRYPTO_SESSION, &session_id,
		      sizeof(session_id), NULL, 0);
}

bool
vcrypto_vu_peer_closed(const struct vcrypto_vu_client *c)
{
	uint8_t b;
	ssize_t r;

	if (c->fd < 0)
		return true;
	/* The back-end sends nothing unasked: readable means EOF or error. */
	r = recv(c->fd, &b, 1, MSG_PEEK | MSG_DONTWAIT);
	if (r == 0)
		return true;
	return r < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR;
}
