<?xml version="1.0" encoding="UTF-8"?>
<!--
  返還インボイス (qualified return invoice, 適格返還請求書, for a refunded certificate fee). Input: the <return-invoice>
  document built by ReturnInvoicePdf. All values arrive as text nodes (amounts and dates already formatted), copied
  with xsl:value-of.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:fo="http://www.w3.org/1999/XSL/Format">

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="accent">#1f3a5f</xsl:variable>
  <xsl:variable name="rule">#8a97a8</xsl:variable>
  <xsl:variable name="shade">#eef2f7</xsl:variable>

  <xsl:template match="/return-invoice">
    <fo:root xml:lang="ja" font-family="BIZ UDPGothic" font-size="10pt" line-height="1.55">
      <fo:layout-master-set>
        <fo:simple-page-master master-name="A4" page-width="210mm" page-height="297mm"
                               margin-top="14mm" margin-bottom="10mm" margin-left="20mm" margin-right="20mm">
          <fo:region-body margin-top="4mm" margin-bottom="14mm"/>
          <fo:region-after extent="10mm"/>
        </fo:simple-page-master>
      </fo:layout-master-set>

      <fo:page-sequence master-reference="A4" xml:lang="ja">
        <fo:static-content flow-name="xsl-region-after">
          <fo:block font-size="8pt" color="#555555" text-align="center" border-top="0.4pt solid {$rule}" padding-top="1.5mm">
            <xsl:value-of select="issuer-name"/><xsl:text>　</xsl:text><xsl:value-of select="service-name"/>
            <xsl:text>　返還インボイス番号 </xsl:text><xsl:value-of select="return-invoice-number"/>
          </fo:block>
        </fo:static-content>

        <fo:flow flow-name="xsl-region-body">
          <fo:block text-align="center" font-size="24pt" font-weight="bold" letter-spacing="0.5em" color="{$accent}" space-after="4mm">
            <xsl:value-of select="title"/>
          </fo:block>
          <fo:block text-align="center" font-size="11pt" color="{$accent}" space-after="4mm">
            <xsl:text>（</xsl:text><xsl:value-of select="subtitle"/><xsl:text>）</xsl:text>
          </fo:block>

          <fo:table table-layout="fixed" width="100%" space-after="5mm">
            <fo:table-column column-width="proportional-column-width(1)"/>
            <fo:table-column column-width="24mm"/>
            <fo:table-column column-width="40mm"/>
            <fo:table-body>
              <xsl:call-template name="corner">
                <xsl:with-param name="label">番号</xsl:with-param>
                <xsl:with-param name="value" select="return-invoice-number"/>
              </xsl:call-template>
              <xsl:call-template name="corner">
                <xsl:with-param name="label">発行日</xsl:with-param>
                <xsl:with-param name="value" select="issued-on"/>
              </xsl:call-template>
            </fo:table-body>
          </fo:table>

          <fo:table table-layout="fixed" width="100%" space-after="6mm">
            <fo:table-column column-width="95mm"/>
            <fo:table-column column-width="proportional-column-width(1)"/>
            <fo:table-body>
              <fo:table-row>
                <fo:table-cell padding-right="6mm">
                  <fo:block font-size="14pt" font-weight="bold" border-bottom="0.8pt solid #000000" padding-bottom="0.5mm">
                    <xsl:value-of select="recipient-name"/><xsl:text> 様</xsl:text>
                  </fo:block>
                </fo:table-cell>
                <fo:table-cell>
                  <fo:block font-size="11pt" font-weight="bold"><xsl:value-of select="issuer-name"/></fo:block>
                  <fo:block font-size="9pt"><xsl:value-of select="service-name"/></fo:block>
                  <fo:block font-size="9pt" linefeed-treatment="preserve"><xsl:value-of select="issuer-address"/></fo:block>
                  <fo:block font-size="9pt" space-before="1mm">
                    <xsl:text>登録番号 </xsl:text><xsl:value-of select="issuer-registration-number"/>
                  </fo:block>
                </fo:table-cell>
              </fo:table-row>
            </fo:table-body>
          </fo:table>

          <fo:table table-layout="fixed" width="120mm" border="1.2pt solid {$accent}" space-after="3mm">
            <fo:table-column column-width="40mm"/>
            <fo:table-column column-width="proportional-column-width(1)"/>
            <fo:table-body>
              <fo:table-row>
                <fo:table-cell background-color="{$accent}" color="#ffffff" padding="2mm" display-align="center">
                  <fo:block font-weight="bold">返還額（税込）</fo:block>
                </fo:table-cell>
                <fo:table-cell padding="2mm" display-align="center">
                  <fo:block font-size="16pt" font-weight="bold" text-align="end"><xsl:value-of select="total-amount"/></fo:block>
                </fo:table-cell>
              </fo:table-row>
            </fo:table-body>
          </fo:table>
          <fo:block space-after="6mm">
            <xsl:value-of select="description"/>
            <xsl:text>としてお支払いいただいた代金（受付番号 </xsl:text><xsl:value-of select="order-number"/>
            <xsl:text>）のうち、上記の金額を返還いたしました。</xsl:text>
          </fo:block>

          <fo:table table-layout="fixed" width="120mm" border-collapse="collapse" space-after="6mm">
            <fo:table-column column-width="40mm"/>
            <fo:table-column column-width="proportional-column-width(1)"/>
            <fo:table-body>
              <xsl:call-template name="fact">
                <xsl:with-param name="label">返還日</xsl:with-param>
                <xsl:with-param name="value" select="refunded-on"/>
              </xsl:call-template>
              <xsl:call-template name="fact">
                <xsl:with-param name="label">元の請求書番号</xsl:with-param>
                <xsl:with-param name="value" select="invoice-number"/>
              </xsl:call-template>
              <xsl:call-template name="fact">
                <xsl:with-param name="label">元の請求日</xsl:with-param>
                <xsl:with-param name="value" select="invoice-issued-on"/>
              </xsl:call-template>
              <xsl:call-template name="fact">
                <xsl:with-param name="label" select="concat('返還額 ', tax-rate, '対象（税抜）')"/>
                <xsl:with-param name="value" select="net-amount"/>
              </xsl:call-template>
              <xsl:call-template name="fact">
                <xsl:with-param name="label" select="concat('返還額に係る消費税（', tax-rate, '）')"/>
                <xsl:with-param name="value" select="tax-amount"/>
              </xsl:call-template>
            </fo:table-body>
          </fo:table>

          <fo:block font-size="9pt" color="#444444">
            <xsl:text>本書は、上記請求書に係る対価の返還について、消費税法に定める適格返還請求書として発行するものです。</xsl:text>
          </fo:block>
        </fo:flow>
      </fo:page-sequence>
    </fo:root>
  </xsl:template>

  <xsl:template name="corner">
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <fo:table-row>
      <fo:table-cell><fo:block/></fo:table-cell>
      <fo:table-cell><fo:block><xsl:value-of select="$label"/></fo:block></fo:table-cell>
      <fo:table-cell><fo:block text-align="end"><xsl:value-of select="$value"/></fo:block></fo:table-cell>
    </fo:table-row>
  </xsl:template>

  <xsl:template name="fact">
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <fo:table-row>
      <fo:table-cell padding="1mm 2mm" border-bottom="0.5pt solid {$rule}" background-color="{$shade}">
        <fo:block font-weight="bold"><xsl:value-of select="$label"/></fo:block>
      </fo:table-cell>
      <fo:table-cell padding="1mm 2mm" border-bottom="0.5pt solid {$rule}">
        <fo:block text-align="end"><xsl:value-of select="$value"/></fo:block>
      </fo:table-cell>
    </fo:table-row>
  </xsl:template>
</xsl:stylesheet>
