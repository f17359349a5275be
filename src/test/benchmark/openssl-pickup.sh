#!/usr/bin/env bash
# The same work as one certflow pickup, done by the openssl command line: a new RSA key and request, a
# certificate from an issuing CA, and a PKCS#12 file under a PIN with AES-256-CBC, PBKDF2 (100 000 iterations)
# and a SHA-256 MAC. Prints the mean time per pickup for each key size.
# Usage: src/test/benchmark/openssl-pickup.sh [rounds]   (default 20)
set -euo pipefail
rounds="${1:-20}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

openssl req -x509 -newkey rsa:3072 -nodes -keyout root.key -out root.pem -days 3650 -subj "/C=JP/O=Bench/CN=Bench Root" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -newkey rsa:3072 -nodes -keyout issuing.key -out issuing.csr -subj "/C=JP/O=Bench/CN=Bench Issuing" 2>/dev/null
printf 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n' > ca.ext
openssl x509 -req -in issuing.csr -CA root.pem -CAkey root.key -CAcreateserial -out issuing.pem -days 3650 \
  -extfile ca.ext 2>/dev/null
cat > leaf.ext <<'EXT'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,nonRepudiation,keyEncipherment
extendedKeyUsage=clientAuth,emailProtection
subjectAltName=email:taro.yamada@example.jp
crlDistributionPoints=URI:http://localhost:8080/pki/crl
authorityInfoAccess=OCSP;URI:http://localhost:8080/pki/ocsp,caIssuers;URI:http://localhost:8080/pki/issuing-ca.crt
certificatePolicies=1.3.6.1.4.1.99999.1.1
EXT

for bits in 2048 3072; do
  start=$(date +%s%N)
  for i in $(seq "$rounds"); do
    openssl req -newkey "rsa:$bits" -nodes -keyout leaf.key -out leaf.csr \
      -subj "/C=JP/O=Bench/OU=ACT1-123456/CN=TARO YAMADA" 2>/dev/null
    openssl x509 -req -in leaf.csr -CA issuing.pem -CAkey issuing.key -set_serial "0x$(openssl rand -hex 19)" \
      -days 365 -sha256 -extfile leaf.ext -out leaf.pem 2>/dev/null
    openssl pkcs12 -export -inkey leaf.key -in leaf.pem -certfile issuing.pem -name BN-Yamada.Taro \
      -keypbe AES-256-CBC -certpbe AES-256-CBC -iter 100000 -macalg sha256 -passout pass:pin-12345 -out leaf.p12
  done
  end=$(date +%s%N)
  echo "RSA $bits: $(( (end - start) / rounds / 1000000 )) ms per pickup (mean of $rounds, openssl $(openssl version | cut -d' ' -f2))"
done
